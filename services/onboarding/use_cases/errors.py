"""Failures a use case reports; the API turns them into 404 and 422 answers (the domain's
CaseConflict and StepConflict become 409)."""


class NotFound(Exception):
    pass


class InvalidInput(Exception):
    """A value that is well-formed but not acceptable here (a 422 naming the field)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class RecordChanged(Exception):
    """The record changed since the form that asks for this was built (a stale form: 409)."""
