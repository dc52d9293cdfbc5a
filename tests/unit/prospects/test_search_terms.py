"""What a staff search looks for: words, a phone's digits, part of an email address."""

import uuid

import pytest

from services.prospects.domain.normalisation import phone_digits, searchable
from services.prospects.use_cases.errors import BadCursor
from services.prospects.use_cases.search import decode_cursor, encode_cursor, terms_of


def test_the_search_text_holds_names_email_town_and_phone_digits():
    assert searchable("Zoé", "Lefèvre", "Zoe.L@Gmail.com", "+33 6 12 34 56 78",
                      "Liège") == "zoe lefevre zoe.l liege 33612345678"


@pytest.mark.parametrize("typed", ["06 12 34 56 78", "06.12.34.56.78", "0612345678",
                                   "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78",
                                   "0033 612 345 678"])
def test_a_phone_number_is_its_national_digits_however_typed(typed):
    terms = terms_of(typed)
    assert terms.kind == "phone" and terms.text == "612345678"
    assert terms.pattern == "%612345678%"
    assert terms.text in phone_digits("+33 6 12 34 56 78")
    assert terms.text in phone_digits("06 12 34 56 78")


def test_words_are_folded_and_too_little_is_no_search():
    assert terms_of("  Hélène   DUPONT ").text == "helene dupont"
    assert terms_of("Hélène").kind == "words"
    for nothing in ("", " ", "a", "%", "0000", "@gmail.com", "x@"):
        assert terms_of(nothing) is None, nothing


def test_part_of_an_address_searches_its_local_part_within_that_address():
    terms = terms_of("Marie.Dupont@Gm")
    assert (terms.kind, terms.text, terms.pattern, terms.email_key) == (
        "email", "marie.dupont", "%marie.dupont@gm%", "marie.dupont@gm")


def test_a_cursor_pages_only_its_own_search():
    terms, row = terms_of("dupont"), uuid.uuid4()
    cursor = encode_cursor(terms, 0.8571428656578064, row)
    after = decode_cursor(cursor, terms)
    assert (after.rank, after.id) == (0.8571428656578064, row)
    with pytest.raises(BadCursor):
        decode_cursor(cursor, terms_of("durand"))
    for bad in ("", "x", "WyJhIl0", "bnVsbA", "WzEsMiwzXQ"):
        with pytest.raises(BadCursor):
            decode_cursor(bad, terms)
