"""Quick-add from the shell: note, gave, got, asked; and the review queue."""
