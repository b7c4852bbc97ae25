"""netui's Textual app: one module per screen or pane, styles in .tcss files."""
