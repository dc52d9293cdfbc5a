"""What a contact may carry: every field validated, each refusal naming the field."""

import pytest
from pydantic import ValidationError

from services.prospects.api.models import QualificationIn, StageChangeIn
from services.prospects.domain.contact import ContactIn, RecordedContactIn

VALID = {"first_name": "Camille", "last_name": "Martin", "email": "camille@example.org",
         "consent": True}


def refusal(**changes) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as caught:
        ContactIn.model_validate(VALID | changes)
    return [(e["loc"], e["type"]) for e in caught.value.errors()]


def test_a_minimal_contact_is_accepted_with_defaults():
    contact = ContactIn.model_validate(VALID)
    assert contact.locale == "fr" and contact.desired_villages == []
    assert contact.consent_version == "2025-01"


def test_text_is_trimmed_and_the_email_normalised_but_kept_as_typed_locally():
    contact = ContactIn.model_validate(VALID | {"first_name": "  Zoé ",
                                                "email": " Zoe.Martin@EXAMPLE.org "})
    assert contact.first_name == "Zoé"
    assert contact.email == "Zoe.Martin@example.org"


@pytest.mark.parametrize("consent", [False, "true", 1, None, "yes"])
def test_no_contact_without_an_explicit_true_consent(consent):
    assert refusal(consent=consent)[0][0] == ("consent",)


def test_missing_fields_are_named():
    with pytest.raises(ValidationError) as caught:
        ContactIn.model_validate({})
    assert {e["loc"][0] for e in caught.value.errors()} == {
        "first_name", "last_name", "email", "consent"}


@pytest.mark.parametrize("field, value, error", [
    ("first_name", "Ca\x00mille", "text_control_characters"),
    ("last_name", "\ud800", "string_unicode"),
    ("first_name", "x" * 101, "string_too_long"),
    ("first_name", "   ", "string_too_short"),
    ("email", "not-an-address", "email_invalid"),
    ("email", "a" * 300 + "@example.org", "string_too_long"),
    ("phone", "call me", "phone_invalid"),
    ("origin_country", "XX", "country_unknown"),
    ("household_size", "3", "int_type"),
    ("household_size", True, "int_type"),
    ("household_size", 0, "greater_than_equal"),
    ("household_size", 10**12, "less_than_equal"),
    ("locale", "de", "literal_error"),
    ("sector", "astronaut", "enum"),
    ("message", "x" * 5001, "string_too_long"),
    ("consent_version", "1999-01", "consent_version_unknown"),
])
def test_each_bad_field_is_refused_by_name(field, value, error):
    assert refusal(**{field: value}) == [((field,), error)]


def test_a_message_may_have_lines_but_no_other_control_characters():
    assert ContactIn.model_validate(VALID | {"message": "Bonjour,\r\nà bientôt\t!"}).message \
        == "Bonjour,\nà bientôt\t!"
    assert refusal(message="bip\x07") == [(("message",), "text_control_characters")]


def test_villages_must_be_communes_of_the_gers_and_count_once():
    assert ContactIn.model_validate(VALID | {"desired_villages": ["32013", "32013"]}) \
        .desired_villages == ["32013"]
    assert refusal(desired_villages=["32013", "75056"]) == [
        (("desired_villages", 1), "village_unknown")]
    assert refusal(desired_villages=["32013"] * 11)[0][0] == ("desired_villages",)


def test_the_household_adds_up():
    contact = ContactIn.model_validate(VALID | {"household_adults": 2, "household_children": 2})
    assert contact.household_size == 4
    assert refusal(household_adults=2, household_children=2, household_size=3) == [
        (("household_size",), "household_mismatch")]


def test_blank_optional_fields_mean_not_given():
    contact = ContactIn.model_validate(VALID | {"phone": "", "origin_country": " ",
                                                "household_adults": ""})
    assert contact.phone is None and contact.origin_country is None
    assert contact.household_adults is None


def test_a_staff_recorded_contact_names_its_channel():
    assert RecordedContactIn.model_validate(VALID | {"channel": "phone"}).channel == "phone"
    for channel in ("web", "fax", None):
        with pytest.raises(ValidationError):
            RecordedContactIn.model_validate(VALID | {"channel": channel})


def test_a_lost_stage_needs_a_reason_named_as_such():
    with pytest.raises(ValidationError) as caught:
        StageChangeIn.model_validate({"stage": "lost"})
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [
        (("reason",), "reason_required")]
    assert StageChangeIn.model_validate({"stage": "contacted"}).reason is None


def test_a_qualification_checks_its_villages_and_counts():
    good = {"remote_work_viability": "confirmed", "household_adults": 2,
            "household_children": 0, "target_villages": ["32013"],
            "move_horizon": "within_a_year"}
    assert QualificationIn.model_validate(good).target_villages == ["32013"]
    for bad in ({"target_villages": ["99999"]}, {"household_adults": 0},
                {"remote_work_viability": "maybe"}, {"household_children": "1"}):
        with pytest.raises(ValidationError):
            QualificationIn.model_validate(good | bad)
