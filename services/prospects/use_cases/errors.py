"""What a use case refuses; api/errors.py says each as an HTTP answer. (A change the
pipeline's rules forbid is domain.pipeline.StageConflict.)"""


class ProspectNotFound(Exception):
    pass


class ProspectErased(Exception):
    """The person was erased: nothing more is done with what is left of them."""


class RecordChanged(Exception):
    """The prospect changed since the form was built (its revision differs): a 409, nothing
    done; the person sees the record as it now is, with what they typed."""


class IdempotencyConflict(Exception):
    """The key was already used for a different request (a 409)."""


class BadCursor(ValueError):
    """Not a cursor this service made for this list's sort (the query's fault: a 422)."""


class StageMovedMeanwhile(Exception):
    """The form moved a prospect seen at one stage, but someone moved it since (a 409: the
    person sees where it now stands, nothing changed)."""

    def __init__(self, seen: str, current: str) -> None:
        super().__init__(f"seen at {seen}, now at {current}")
        self.seen = seen
        self.current = current
