"""Why a use case said no; the routes turn these into HTTP answers."""

from ..domain.rules import Violation


class BookingError(Exception):
    def __init__(self, message: str, message_fr: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.message_fr = message_fr or message


class NotFound(BookingError):
    pass


class Forbidden(BookingError):
    pass


class Conflict(BookingError):
    pass


class Changed(BookingError):
    """The record changed since the person read it (a staff page's form built from an older
    state): nothing was done."""


class UnknownReference(BookingError):
    """The request names something that does not exist (a 422 on that field)."""

    def __init__(self, field: str, message: str, message_fr: str) -> None:
        super().__init__(message, message_fr)
        self.field = field


class RuleBroken(BookingError):
    def __init__(self, violation: Violation) -> None:
        super().__init__(violation.message, violation.message_fr)
        self.violation = violation
