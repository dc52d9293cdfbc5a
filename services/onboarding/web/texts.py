"""The words of the committees' pages, French first."""

TEXTS = {
    "fr": {
        "title": "Mon village",
        "heading": "Comité d'accueil de {village}",
        "lead": ("Les foyers attendus et ceux qui se sont installés dans votre village. "
                 "Seuls les prénoms figurent ici : l'équipe du programme vous met en relation."),
        "expected": "Arrivées attendues",
        "expected_help": "Des foyers qui souhaitent s'installer dans votre village.",
        "none_expected": "Aucune arrivée attendue pour l'instant.",
        "installed": "Foyers installés",
        "none_installed": "Aucun foyer installé pour l'instant.",
        "first_name": "Prénom",
        "household": "Foyer",
        "since": "Projet suivi depuis le",
        "arrived": "Arrivée le",
        "unknown_name": "(prénom non communiqué)",
        "people": {1: "1 personne", "many": "{n} personnes"},
        "children": {0: "", 1: " dont 1 enfant", "many": " dont {n} enfants"},
    },
    "en": {
        "title": "My village",
        "heading": "Welcome committee of {village}",
        "lead": ("The households expected and those who moved into your village. Only first "
                 "names are shown: the programme's team puts you in touch."),
        "expected": "Expected arrivals",
        "expected_help": "Households who wish to live in your village.",
        "none_expected": "No arrivals expected yet.",
        "installed": "Households who moved in",
        "none_installed": "No household has moved in yet.",
        "first_name": "First name",
        "household": "Household",
        "since": "Project followed since",
        "arrived": "Arrived on",
        "unknown_name": "(first name not given)",
        "people": {1: "1 person", "many": "{n} people"},
        "children": {0: "", 1: " including 1 child", "many": " including {n} children"},
    },
}


def counted(forms: dict, n: int | None) -> str:
    n = n or 0
    return forms[n] if n in forms else forms["many"].format(n=n)
