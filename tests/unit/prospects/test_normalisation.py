"""Two spellings of an email are one person; names are searched and sorted as people mean."""

from services.prospects.domain.normalisation import (email_identity, folded, like_pattern,
                                                     search_text, searchable, sort_key)
from services.prospects.domain.reference import commune_named
from shared.reference.communes import communes
from shared.reference.countries import countries


def test_case_spaces_and_unicode_forms_do_not_make_a_new_person():
    same = {
        "marie.dupont@exemple.fr",
        " Marie.Dupont@Exemple.FR ",
        "MARIE.DUPONT@EXEMPLE.FR",
        "marie.dupont @exemple.fr",
        "ｍａｒｉｅ.ｄｕｐｏｎｔ＠ｅｘｅｍｐｌｅ.ｆｒ",  # full-width forms (NFKC)
    }
    assert {email_identity(e) for e in same} == {"marie.dupont@exemple.fr"}


def test_composed_and_decomposed_accents_are_the_same_address():
    assert email_identity("zo\u00e9@exemple.fr") == email_identity("zoe\u0301@exemple.fr")


def test_different_addresses_stay_different():
    assert email_identity("marie@exemple.fr") != email_identity("marie2@exemple.fr")


def test_search_text_folds_case_and_accents():
    assert search_text("Hélène", "Lefèvre", "H.Lefevre@Example.org") == \
        "helene lefevre h.lefevre@example.org"
    assert sort_key("Élodie") < sort_key("Fabre") < sort_key("zoé")


def test_names_are_folded_as_people_type_them():
    assert folded("L'Isle-Jourdain") == folded("l isle  jourdain") == "l isle jourdain"


def test_the_searchable_text_leaves_the_email_domain_out():
    assert searchable("Zoé", "Martin", "Zoe.M@Gmail.com") == "zoe martin zoe.m"


def test_like_pattern_takes_wildcards_literally():
    assert like_pattern("50%_off") == "%50\\%\\_off%"


def test_commune_names_are_found_however_they_are_typed():
    isle = commune_named("L'Isle-Jourdain")
    assert isle is not None and isle.insee_code in communes()
    assert commune_named("l isle jourdain") == isle
    assert commune_named("  L’ISLE JOURDAIN ") == isle
    assert commune_named("auch").name == "Auch"
    assert commune_named("Paris") is None


def test_reference_data_is_complete():
    assert len(communes()) == 458
    assert all(code.startswith("32") for code in communes())
    assert len(countries()) == 249
    assert countries()["GB"].name("fr") == "Royaume-Uni"
    assert countries()["NL"].name("en") == "Netherlands"
