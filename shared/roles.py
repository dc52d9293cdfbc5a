"""The roles of the platform's people and programs (pure: a service's domain may use it).

- staff: the programme's team, everything.
- committee: a village's welcome committee, scoped to one village (INSEE code).
- solo: an installed member, scoped to their own member id.
"""

from enum import StrEnum


class Role(StrEnum):
    STAFF = "staff"
    COMMITTEE = "committee"
    SOLO = "solo"
