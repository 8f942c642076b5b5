"""Errors whose messages are safe to show to users."""


class DispatchError(Exception):
    """Base of every error this project raises on purpose."""


class BadInputError(DispatchError):
    """A file (or record) that cannot be ingested; the message names the file and the problem."""


class StoreMismatchError(DispatchError):
    """The store was built with another embedding model or backend, or is inconsistent."""
