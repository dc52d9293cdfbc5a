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
    """The record changed since the form was built from it (a page answers 409, saying so)."""


def check_revision(case, revision) -> None:
    """A form's revision is the case's `updated_at` when the form was drawn; None: no check
    (the JSON API)."""
    if revision is not None and case["updated_at"] != revision:
        raise RecordChanged(f"case {case['id']} changed meanwhile")
