"""What identity's use cases refuse; the entry points turn each into an answer."""

import uuid

from ..domain.passwords import Problem


class IdentityError(Exception):
    pass


class TooManyAttempts(IdentityError):
    """Over a rate limit, or the account is slowed after wrong passwords (429)."""

    def __init__(self, retry_after: int, *, slowed: bool = False) -> None:
        super().__init__(f"too many attempts, retry in {retry_after} s")
        self.retry_after = max(1, int(retry_after))
        self.slowed = slowed


class WrongCredentials(IdentityError):
    """Unknown address, wrong password, no password yet, disabled: one answer for all."""


class LinkNotUsable(IdentityError):
    """Unknown, used, expired, or its account is disabled."""


class PasswordRejected(IdentityError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


class InvalidEmail(IdentityError):
    pass


class AddressTaken(IdentityError):
    """The address belongs to an account of another kind (a solo, a committee)."""


class NotAllowed(IdentityError):
    """Not an admin, or an admin acting on their own account in a way that would lock
    the team out (revoking their own admin, disabling themselves)."""


class UnknownAccount(IdentityError):
    def __init__(self, account_id: uuid.UUID | None = None) -> None:
        super().__init__(f"no account {account_id}")
