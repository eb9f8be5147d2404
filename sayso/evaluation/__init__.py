"""Readers and scorers for the public gold corpora; one module per corpus."""
