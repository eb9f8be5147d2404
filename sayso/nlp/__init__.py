"""spaCy plumbing: loading the English pipeline (parse) and its faster tagging (tagging)."""
