"""The CNIL rule for staff passwords: length, not a common one, not the address."""

import pytest

from services.identity.domain.passwords import (COMMON_PASSWORD, CONTAINS_EMAIL, MAX_LENGTH,
                                                TOO_LONG, TOO_SHORT, password_problems)

EMAIL = "camille.martin@example.org"


def test_a_long_unusual_password_will_do():
    assert password_problems("les canards du gers volent bas", EMAIL) == []


def test_no_composition_rule_twelve_lowercase_letters_will_do():
    assert password_problems("tournesolvert", EMAIL) == []


@pytest.mark.parametrize("password", ["", "short", "elevenchars"])
def test_under_twelve_characters_is_too_short(password):
    assert password_problems(password, EMAIL) == [TOO_SHORT]


def test_over_the_bound_is_too_long():
    assert password_problems("x" * (MAX_LENGTH + 1) + "yz", EMAIL) == [TOO_LONG]


@pytest.mark.parametrize("password", ["123456789012", "Azerty123456", "MOTDEPASSE123",
                                      "password 1234", "aaaaaaaaaaaa", "abababababab"])
def test_common_passwords_are_refused_whatever_the_case_and_spaces(password):
    assert COMMON_PASSWORD in password_problems(password, EMAIL)


def test_the_address_s_local_part_is_refused():
    assert password_problems("Camille.Martin-2024!", EMAIL) == [CONTAINS_EMAIL]


def test_each_problem_speaks_french_and_english():
    for problem in (TOO_SHORT, TOO_LONG, COMMON_PASSWORD, CONTAINS_EMAIL):
        assert problem.message("fr") != problem.message("en")
        assert problem.message("fr") and problem.message("en")
