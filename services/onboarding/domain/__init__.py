"""The onboarding rules: pure functions and values, no I/O (unit-tested in tests/unit)."""

from .cases import (CaseConflict, CaseStatus, check_can_abandon, check_can_install,
                    check_steps_editable, installation_date_problem, local_date)
from .checklist import (TEMPLATE, TEMPLATE_BY_KEY, OwnerRole, PlannedStep, StepConflict,
                        StepState, StepStatus, StepTemplate, check_complete, check_reopen,
                        check_skip, is_overdue, plan_checklist, school_step_change)
from .follow_ups import FollowUpRecord, Milestone, follow_up_schedule, retention
from .geography import AUCH, TOULOUSE, Distances, Position, distances_from, haversine_km
from .household import Household, household_from
from .matching import Match, Reason, rank_villages, reasons_for
from .villages import BroadbandTechnology, HostStatus, VillageProfile

__all__ = [
    "AUCH", "TEMPLATE", "TEMPLATE_BY_KEY", "TOULOUSE",
    "BroadbandTechnology", "CaseConflict", "CaseStatus", "Distances", "FollowUpRecord",
    "HostStatus", "Household", "Match", "Milestone", "OwnerRole", "PlannedStep", "Position",
    "Reason", "StepConflict", "StepState", "StepStatus", "StepTemplate", "VillageProfile",
    "check_can_abandon", "check_can_install", "check_complete", "check_reopen",
    "check_skip", "check_steps_editable", "distances_from", "follow_up_schedule",
    "haversine_km", "household_from", "installation_date_problem", "is_overdue",
    "local_date", "plan_checklist", "rank_villages", "reasons_for", "retention",
    "school_step_change",
]
