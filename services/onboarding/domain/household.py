"""The household a case is about, as far as the qualification event tells us.

`prospect.qualified` carries `household_size` and, when staff entered it, `children`
(None: not sent). Whatever numbers arrive, household_from makes a consistent household of
them. Without a count, a household of one has no children and a larger one *may* have
some (None: unknown, staff can say)."""

import re
from dataclasses import dataclass

MAX_HOUSEHOLD = 99
INSEE_CODE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")


@dataclass(frozen=True)
class Household:
    size: int
    children: int | None  # None: unknown
    wished_villages: frozenset[str] = frozenset()

    @property
    def expects_children(self) -> bool | None:
        """True: children; False: none; None: maybe (unknown, and more than one person)."""
        if self.children is not None:
            return self.children > 0
        return None if self.size > 1 else False


def household_from(size: int, children: int | None, wished: list[str]) -> Household:
    """A consistent household from what an event says: size within 1..99, fewer children
    than people (someone is the adult), wished villages that look like INSEE codes."""
    size = max(1, min(size, MAX_HOUSEHOLD))
    if children is not None:
        children = max(0, min(children, size - 1))
    return Household(size, children, frozenset(c for c in wished if INSEE_CODE.match(c)))
