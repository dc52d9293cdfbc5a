"""A realistic set of values for each template: an override is test-rendered with them
before it is saved, and the unit tests render every template in every language."""

from typing import Any

BASE = {"public_url": "https://soho-solo.example.org",
        "unsubscribe_url": "https://soho-solo.example.org/unsubscribe/sample"}
ARRIVAL = {"first_name": "Camille", "household_size": 3, "installed_on": "2025-09-01",
           "installed_on_text": "lundi 1er septembre 2025", "sector": "creative",
           "sector_text": "Création, communication, médias",
           "reference": "6d1c7f7e-2f0a-4d7e-9a43-3a0f1b3c5d21"}
BOOKING_ID = "b0c1d2e3-0000-4000-8000-000000000001"

SAMPLES: dict[str, dict[str, Any]] = {
    "contact.acknowledgement": {"first_name": "Camille", "is_new_prospect": True,
                                "channel": "web"},
    "contact.staff_alert": {"first_name": "Camille", "last_name": "Martin",
                            "email": "camille.martin@example.org", "channel": "web",
                            "contact_locale": "fr", "is_new_prospect": True,
                            "origin_country": "FR", "profession": "graphiste",
                            "household_size": 3, "desired_villages": ["32013", "32208"],
                            "message": "Nous cherchons une maison avec jardin.",
                            "prospect_id": "0b8e8c1e-7b8a-4f57-9d6c-0d8e7f1a2b3c"},
    "solo.arrival": {**ARRIVAL, "village_name": "Lectoure",
                     "staff_contact": "equipe@soho-solo.example.org"},
    "arrivals.digest": {"village_name": "Lectoure", "arrivals": [ARRIVAL],
                        "staff_contact": "equipe@soho-solo.example.org"},
    "solo.welcome": {"first_name": "Camille", "village_name": "Lectoure",
                     "installed_on_text": "lundi 1er septembre 2025"},
    "solo.staff_note": {"first_name": "Camille", "last_name": "Martin",
                        "village_name": "Lectoure", "insee_code": "32208",
                        "installed_on_text": "lundi 1er septembre 2025", "household_size": 3,
                        "sector": "Création, communication, médias", "origin_country": "FR",
                        "member_id": "5a0c7f3e-1111-4d7e-9a43-3a0f1b3c5d21",
                        "case_id": "6d1c7f7e-2f0a-4d7e-9a43-3a0f1b3c5d21",
                        "committee_text": "prévenu maintenant (accueil@example.org)"},
    "booking.confirmation": {"first_name": "Camille", "booking_id": BOOKING_ID,
                             "period_text": "mardi 2 septembre 2025, de 9 h 00 à 17 h 00",
                             "place_text": "Télécentre d'Auch, Poste 3", "reason": None},
    "booking.cancellation": {"first_name": "Camille", "booking_id": BOOKING_ID,
                             "period_text": "mardi 2 septembre 2025, de 9 h 00 à 17 h 00",
                             "place_text": None, "reason": "no_show"},
    "follow_up.question": {"first_name": "Camille", "months": 6, "village_name": "Lectoure",
                           "follow_up_url": "https://soho-solo.example.org/members/follow-ups/6"},
}


def sample_context(name: str) -> dict[str, Any]:
    return {**BASE, **SAMPLES[name]}
