"""netui: keep your network of friends, colleagues and mentors alive, from the terminal.

Nothing here imports Textual: shell commands stay fast and the domain stays testable."""

__version__ = "0.1.0"
