"""follow_up.due: the member is asked their follow-up's questions, in their language, with
the link to the page where they answer (onboarding's `/members/follow-ups/{months}`
behind the front door; without a session it leads them to sign in, then back there)."""

from shared.events import FollowUpDue

from .audience import Person, Planned

TEMPLATE = "follow_up.question"


def follow_up_url(public_url: str, months: int, locale: str) -> str:
    lang = "en" if locale == "en" else "fr"
    return f"{public_url.rstrip('/')}/members/follow-ups/{months}?lang={lang}"


def for_follow_up(data: FollowUpDue, person: Person, public_url: str) -> Planned:
    return Planned(TEMPLATE, "email", person.email, person.locale, data.prospect_id, {
        "first_name": person.first_name, "months": data.months,
        "village_name": data.village.name,
        "follow_up_url": follow_up_url(public_url, data.months, person.locale)})
