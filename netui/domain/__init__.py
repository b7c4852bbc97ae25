"""netui's domain: records, cadence and ledger rules, date words, quick-add grammar.
Imports neither Textual nor TinyDB."""
