"""Errors the library raises; the CLI turns each into one line on stderr and exit code 2.

In: nothing. Out: ``QuotecheckError`` and its subclasses.
"""


class QuotecheckError(Exception):
    """Base class: a problem with the user's input or setup, reported without a traceback."""


class DocumentLoadError(QuotecheckError):
    """A brief (or source file) could not be read: missing, empty, binary, encrypted, scanned..."""


class CorpusError(QuotecheckError):
    """The corpus folder or database cannot be used."""


class ConfigError(QuotecheckError):
    """An option or setting is invalid."""
