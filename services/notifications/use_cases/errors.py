"""What a use case refuses; the routes turn these into HTTP answers (api/errors.py)."""


class Refusal(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(Refusal):
    """No such committee, message, template or override."""


class Conflict(Refusal):
    """The thing is not in a state that allows it (re-sending a message that has not failed);
    `reason` says which state, for a page to say it in the reader's language."""

    def __init__(self, message: str, reason: str = "conflict") -> None:
        super().__init__(message)
        self.reason = reason


class Invalid(Refusal):
    """A value the request gave is refused (a 422 on that field)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
