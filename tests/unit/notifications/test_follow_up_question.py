"""follow_up.due: the member's question goes to their address, in their language, with the
link to their follow-up page behind the front door."""

import uuid
from datetime import date

from services.notifications.domain.audience import Person
from services.notifications.domain.follow_up_question import follow_up_url, for_follow_up
from shared.events import FollowUpDue, InstalledVillage


def test_the_link_is_the_public_page_of_that_milestone_in_the_members_language():
    assert follow_up_url("https://soho.example.org/", 6, "en") == (
        "https://soho.example.org/members/follow-ups/6?lang=en")
    assert follow_up_url("http://127.0.0.1:8080", 12, "fr") == (
        "http://127.0.0.1:8080/members/follow-ups/12?lang=fr")
    assert follow_up_url("http://127.0.0.1:8080", 1, "de").endswith("/1?lang=fr")


def test_the_member_is_asked_at_their_address():
    prospect_id = uuid.uuid4()
    data = FollowUpDue(member_id=uuid.uuid4(), prospect_id=prospect_id, months=12,
                       due_on=date(2026, 3, 10),
                       village=InstalledVillage(insee_code="32208", name="Lectoure"))
    person = Person(prospect_id, "alice@example.org", "Alice", "Smith", "en")
    planned = for_follow_up(data, person, "https://soho.example.org")
    assert (planned.template, planned.channel, planned.recipient, planned.locale) == (
        "follow_up.question", "email", "alice@example.org", "en")
    assert planned.prospect_id == prospect_id
    assert planned.context == {
        "first_name": "Alice", "months": 12, "village_name": "Lectoure",
        "follow_up_url": "https://soho.example.org/members/follow-ups/12?lang=en"}
    assert "Smith" not in repr(planned.context)  # a first name is enough
