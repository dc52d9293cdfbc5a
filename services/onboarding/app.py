from pathlib import Path

from fastapi import FastAPI

from shared.events import CommitteeChanged, FollowUpDue, MemberFollowedUp, SoloInstalled
from shared.http.app import create_app
from shared.service import PeriodicJob, ServiceDefinition

from .api import ROUTERS
from .config import OnboardingSettings
from .handlers import subscribe
from .use_cases.follow_up_questions import ask_due_follow_ups_job
from .use_cases.seeding import seed_villages
from .web import ROUTERS as PAGE_ROUTERS
from .web.committees import router as committees_page_router
from .web.public_villages import router as public_villages_router

SERVICE = ServiceDefinition(
    name="onboarding",
    title="onboarding",
    description="Villages and their welcome committees, installation cases and members.",
    settings=OnboardingSettings,
    package_dir=Path(__file__).parent,
    routers=[*ROUTERS, committees_page_router, public_villages_router, *PAGE_ROUTERS],
    subscribe=subscribe,
    publishes=[SoloInstalled, MemberFollowedUp, CommitteeChanged, FollowUpDue],
    seed=seed_villages,
    page_prefixes=("/committees", "/staff/cases", "/staff/villages", "/staff/members",
                   "/members/directory", "/members/follow-ups"),
    # Asks each follow-up's questions when it falls due (follow_up.due, once each).
    periodic=[PeriodicJob("follow-up-questions", 3600, ask_due_follow_ups_job)],
)


def create() -> FastAPI:
    return create_app(SERVICE)
