"""Formats netui reads and writes: JSON, vCard, CSV, ICS, Markdown."""
