"""What the programme knows about a village, as the matching and the API see it."""

from dataclasses import dataclass
from enum import StrEnum

from .geography import Distances, Position, distances_from


class HostStatus(StrEnum):
    HOST = "host"              # official host village of the programme
    ASSOCIATED = "associated"  # associated village: welcomes solos, lighter commitment
    NONE = "none"


class BroadbandTechnology(StrEnum):
    FIBRE = "fibre"
    VDSL = "vdsl"
    ADSL = "adsl"
    FIXED_WIRELESS = "fixed_wireless"  # radio "THD"
    MOBILE = "mobile"                  # 4G/5G box
    SATELLITE = "satellite"
    NONE = "none"


@dataclass(frozen=True)
class VillageProfile:
    insee_code: str
    name: str
    position: Position
    host_status: HostStatus = HostStatus.NONE
    has_committee: bool = False
    has_school: bool | None = None  # None: not known yet
    broadband_technology: BroadbandTechnology | None = None
    broadband_mbps: int | None = None

    @property
    def distances(self) -> Distances:
        return distances_from(self.position)
