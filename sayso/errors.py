"""Specific exceptions raised inside sayso; the CLI turns each into one line that says what to do."""
from __future__ import annotations


class SaysoError(Exception):
    """Base class: the message says what went wrong and how to fix it."""


class InputError(SaysoError):
    """An input cannot be read as an article (empty, binary, too large, wrong encoding ...)."""

    def __init__(self, origin: str, problem: str, fix: str = ""):
        self.origin, self.problem, self.fix = origin, problem, fix
        super().__init__(f"{origin}: {problem}" + (f"; {fix}" if fix else ""))


class NotEnglishError(InputError):
    """The article does not look like English; sayso's pipeline reads English only."""


class LedgerError(SaysoError):
    """The ledger cannot be opened or written (corrupt, foreign, locked ...)."""


class ExtractionError(SaysoError):
    """A stage failed on one article; the batch goes on."""
