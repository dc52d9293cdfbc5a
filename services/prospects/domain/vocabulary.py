"""The words of the pipeline, as stored and as the API speaks them."""

from enum import StrEnum


class Stage(StrEnum):
    NEW = "new"
    CONTACTED = "contacted"
    QUALIFIED = "qualified"
    INSTALLING = "installing"
    INSTALLED = "installed"
    LOST = "lost"


class Channel(StrEnum):
    WEB = "web"
    PHONE = "phone"
    EMAIL = "email"
    EVENT = "event"


class Viability(StrEnum):
    """Can the person keep earning their living from a village?"""

    CONFIRMED = "confirmed"  # remote work agreed with the employer, or clients already remote
    LIKELY = "likely"  # a remote-friendly job, not yet agreed
    TO_CONFIRM = "to_confirm"


class MoveHorizon(StrEnum):
    WITHIN_6_MONTHS = "within_6_months"
    WITHIN_A_YEAR = "within_a_year"
    WITHIN_2_YEARS = "within_2_years"
    LATER = "later"
    UNDECIDED = "undecided"


class Sector(StrEnum):
    DIGITAL = "digital"
    CONSULTING = "consulting"
    CREATIVE = "creative"
    EDUCATION = "education"
    HEALTH = "health"
    ENGINEERING = "engineering"
    FINANCE = "finance"
    COMMERCE = "commerce"
    CRAFTS = "crafts"
    AGRICULTURE = "agriculture"
    TOURISM = "tourism"
    OTHER = "other"
