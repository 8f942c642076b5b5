"""Errors safe to show users (the family is shared with index/)."""

from index.errors import BadInputError, DispatchError, StoreMismatchError


class QuestionError(DispatchError):
    """A question that cannot be asked as given (empty, too long)."""


__all__ = ["BadInputError", "DispatchError", "QuestionError", "StoreMismatchError"]
