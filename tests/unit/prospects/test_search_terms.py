"""What a staff search looks for: words, a phone's digits, an address's beginning; and how
candidate words combine."""

import uuid

import pytest

from services.prospects.domain.normalisation import phone_digits, search_words, searchable
from services.prospects.store.search import combinations
from services.prospects.use_cases.errors import BadCursor
from services.prospects.use_cases.search import decode_cursor, encode_cursor, terms_of


def test_the_search_text_holds_names_email_town_and_phone_digits():
    assert searchable("Zoé", "Lefèvre", "Zoe.L@Gmail.com", "+33 6 12 34 56 78",
                      "Liège") == "zoe lefevre zoe.l liege 33612345678"


def test_a_person_is_found_by_the_words_of_their_names_and_town():
    assert search_words("Jean-Pierre", "Le Gall", "L'Isle-Jourdain") == [
        "jean", "pierre", "le", "gall", "isle", "jourdain"]


@pytest.mark.parametrize("typed", ["06 12 34 56 78", "06.12.34.56.78", "0612345678",
                                   "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78",
                                   "0033 612 345 678"])
def test_a_phone_number_is_its_national_digits_however_typed(typed):
    terms = terms_of(typed)
    assert terms.kind == "phone" and terms.text == "612345678"
    assert terms.text in phone_digits("+33 6 12 34 56 78")
    assert terms.text in phone_digits("06 12 34 56 78")


def test_six_digits_typed_are_a_phone_search_even_when_they_begin_with_zero():
    """The stored digits lose only the number's leading zeros: "090105" typed from the
    middle of "06 12 09 01 05" is looked for as "90105" (a 6-digit search made 5 long)."""
    assert terms_of("090105") == terms_of("09 01 05")
    assert terms_of("090105").kind == "phone" and terms_of("090105").text == "90105"
    assert terms_of("000000") is None and terms_of("09015") is None


def test_words_are_folded_and_too_little_is_no_search():
    terms = terms_of("  Hélène   DUPONT ")
    assert terms.kind == "words" and terms.words == ("helene", "dupont")
    for nothing in ("", " ", "a", "%", "0000", "12 34", "@gmail.com", "x@", "a b c"):
        assert terms_of(nothing) is None, nothing


def test_one_word_with_a_dot_or_an_at_is_the_beginning_of_an_address():
    assert terms_of("Marie.Dupont@Gm") == terms_of("marie.dupont@gm")
    assert terms_of("marie.dup").kind == terms_of("marie@").kind == "email"
    assert terms_of("marie.dup").text == "marie.dup"


def row(nth, word, closeness, people, share=None):
    return {"nth": nth, "word": word, "closeness": closeness, "people": people,
            "share": share}


def test_combinations_best_first_from_their_rarest_word():
    found = combinations([row(1, "marie", 1.0, 5000), row(1, "maria", 0.75, 800),
                          row(1, "mario", 0.5, 10),  # too far from a word people have
                          row(2, "dupont", 1.0, 300), row(2, "dupond", 0.875, 20)], 2)
    assert [c.words for c in found] == [  # the rarest first
        ("dupont", "marie"), ("dupond", "marie"), ("dupont", "maria"), ("dupond", "maria")]
    assert [c.score for c in found] == [2.0, 1.875, 1.75, 1.625]
    assert combinations([row(1, "marie", 1.0, 5000)], 2) == []  # "marie xqzw": no one
    common = combinations([row(1, "sur", 1.0, 1000, 0.03), row(2, "jan", 1.0, 1000, None),
                           row(3, "loire", 1.0, 1000, 0.004)], 3)
    assert common[0].words == ("jan", "loire", "sur")  # statistics tell the commonest


def test_a_cursor_pages_only_its_own_search():
    terms, row_id = terms_of("dupont"), str(uuid.uuid4())
    cursor = encode_cursor(terms, 0.8571428656578064, row_id)
    after = decode_cursor(cursor, terms)
    assert (after.rank, after.key) == (0.8571428656578064, row_id)
    with pytest.raises(BadCursor):
        decode_cursor(cursor, terms_of("durand"))
    for bad in ("", "x", "WyJhIl0", "bnVsbA", "WzEsMiwzXQ",
                encode_cursor(terms, 1.0, "not-an-id")):
        with pytest.raises(BadCursor):
            decode_cursor(bad, terms)

