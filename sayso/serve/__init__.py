"""The web page and JSON API over the ledger (needs the `serve` extra: pip install 'sayso[serve]')."""
