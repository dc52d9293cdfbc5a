"""The demo places: eight telecentres and two coworking spaces, clearly marked as demo."""

from services.bookings.domain.modes import mode_allowed
from services.bookings.use_cases.seeding import demo_places
from shared.reference.communes import communes


def test_eight_telecentres_and_two_coworking_spaces_in_gers_communes():
    places = demo_places()
    assert sorted(p["kind"] for p in places).count("telecentre") == 8
    assert sorted(p["kind"] for p in places).count("coworking") == 2
    for place in places:
        assert place["insee_code"].startswith("32") and place["insee_code"] in communes()
        assert place["name"].endswith("(démo)")
        assert "@" not in place["address"]
    assert len({p["id"] for p in places}) == 10


def test_every_demo_resource_has_a_mode_its_kind_allows():
    for place in demo_places():
        kinds = {kind for kind, *_ in place["resources"]}
        assert kinds == {"hot_desk", "private_office", "meeting_room"}
        for kind, _, capacity, mode in place["resources"]:
            assert mode_allowed(kind, mode) and capacity >= 1
