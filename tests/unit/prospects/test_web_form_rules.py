"""The form's defences and its reading of what people type."""

import uuid
from datetime import UTC, datetime

import pytest

from services.prospects.use_cases.errors import BadCursor
from services.prospects.use_cases.listing import decode_cursor, encode_cursor
from services.prospects.web.form_guard import issue_token, looks_like_a_bot, read_token
from services.prospects.web.forms import read_submission

SECRET = "unit-test-secret-unit-test-secret-0123"


def filled(**changes) -> dict[str, str]:
    return {"first_name": "Camille", "last_name": "Martin", "email": "camille@example.org",
            "consent": "yes", "form_token": issue_token(SECRET, now=1000.0)} | changes


def test_a_person_who_took_their_time_is_not_a_bot():
    assert not looks_like_a_bot(filled(), SECRET, min_seconds=3, now=1010.0)


def test_a_filled_honeypot_is_a_bot():
    assert looks_like_a_bot(filled(website="http://spam.example"), SECRET, 3, now=1010.0)


def test_a_form_sent_faster_than_a_person_types_is_a_bot():
    assert looks_like_a_bot(filled(), SECRET, min_seconds=3, now=1001.0)


@pytest.mark.parametrize("token", ["", "garbage", "1.2.3.4", "1000.000.abc.forged-signature"])
def test_a_missing_or_forged_token_is_a_bot(token):
    assert looks_like_a_bot(filled(form_token=token), SECRET, 3, now=1010.0)


def test_a_token_signed_with_another_secret_is_refused():
    assert read_token(SECRET, issue_token("another-secret-another-secret-0123")) is None
    token = read_token(SECRET, issue_token(SECRET, now=1234.5))
    assert token.served_at == 1234.5 and token.nonce


def test_the_form_reads_villages_by_name_and_numbers_as_numbers():
    submission = read_submission(filled(village_1="marciac", village_2="Auch",
                                        household_adults="2", household_children="0"), "fr")
    assert submission.errors == {}
    assert submission.contact.desired_villages == ["32233", "32013"]
    assert submission.contact.household_size == 2


def test_each_problem_is_explained_in_the_page_language_and_typed_values_kept():
    form = filled(email="camille-at-example", village_3="Toulouse", household_adults="deux",
                  consent="")
    french = read_submission(form, "fr")
    assert french.contact is None
    assert french.values["email"] == "camille-at-example"
    assert french.values["village_3"] == "Toulouse"
    assert set(french.errors) == {"email", "village_3", "household_adults", "consent"}
    assert "adresse e-mail" in french.errors["email"]
    assert "« Toulouse » n'est pas une commune du Gers" in french.errors["village_3"]
    assert "accord" in french.errors["consent"]
    english = read_submission(form, "en")
    assert "email address is not valid" in english.errors["email"]
    assert "whole number" in english.errors["household_adults"]
    assert [name for name, _ in english.ordered_errors()] == [
        "email", "household_adults", "village_3", "consent"]


def test_a_cursor_pages_the_sort_it_was_made_for():
    row = uuid.uuid4()
    at = datetime(2026, 1, 2, 3, 4, 5, 600000, tzinfo=UTC)
    after = decode_cursor(encode_cursor("-created_at", at, row), "-created_at")
    assert after.value == at and after.id == str(row)
    assert decode_cursor(encode_cursor("last_name", "zoé", row), "last_name").value == "zoé"
    with pytest.raises(BadCursor, match="sorted by"):
        decode_cursor(encode_cursor("-created_at", at, row), "last_name")


@pytest.mark.parametrize("cursor", ["", "!!!", "bm9wZQ", encode_cursor(
    "last_name", "a\x00b", uuid.uuid4())])
def test_a_forged_cursor_is_refused(cursor):
    with pytest.raises(BadCursor):
        decode_cursor(cursor, "last_name")
