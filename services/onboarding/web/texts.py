"""The words of the committees' pages, French first."""

TEXTS = {
    "fr": {
        "title": "Mon village",
        "heading": "Comité d'accueil de {village}",
        "lead": ("Les foyers attendus et ceux qui se sont installés dans votre village. "
                 "Seuls les prénoms figurent ici, et l'adresse des foyers qui acceptent que le "
                 "comité les contacte ; pour les autres, l'équipe du programme vous met en "
                 "relation."),
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
        "expected_since": "Projet suivi depuis",
        "contact": "Contact",
        "contact_made": "Contact pris le {date}",
        "no_contact": "Pas encore de contact",
        "agreed": "Accepte d'être contacté par le comité depuis le {date}",
        "write_to": "Écrire à {name}",
        "not_agreed": "N'a pas (encore) accepté d'être contacté par le comité : passez par l'équipe du programme.",
        "contact_settings_link": "Comment le comité est prévenu : langue et webhook",
        "contact_date": "Date du contact",
        "contact_button": "Nous avons pris contact",
        "contact_recorded": "Contact enregistré. L'équipe du programme le voit sur le dossier.",
        "errors": {"contact_future": "La date du contact ne peut pas être dans le futur",
                   "contact_invalid": "Saisissez une date de contact valide"},
        "page_link": "Modifier la page publique du village",
        "page_link_help": "Le texte d'accueil, les services, les pistes de logement et votre contact, sur le site public.",
        "people": {1: "1 personne", "many": "{n} personnes"},
        "children": {0: "", 1: " dont 1 enfant", "many": " dont {n} enfants"},
    },
    "en": {
        "title": "My village",
        "heading": "Welcome committee of {village}",
        "lead": ("The households expected and those who moved into your village. Only first "
                 "names are shown, and the address of the households that agree to be "
                 "contacted by the committee; for the others, the programme's team puts you "
                 "in touch."),
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
        "expected_since": "Project followed since",
        "contact": "Contact",
        "contact_made": "Contact made on {date}",
        "no_contact": "No contact yet",
        "agreed": "Agrees to be contacted by the committee since {date}",
        "write_to": "Write to {name}",
        "not_agreed": "Has not (yet) agreed to be contacted by the committee: go through the programme's team.",
        "contact_settings_link": "How the committee is told: language and webhook",
        "contact_date": "Date of contact",
        "contact_button": "We have made contact",
        "contact_recorded": "Contact recorded. The programme's team sees it on the case.",
        "errors": {"contact_future": "The date of contact cannot be in the future",
                   "contact_invalid": "Enter a valid date of contact"},
        "page_link": "Edit the village's public page",
        "page_link_help": "The welcome text, services, housing leads and your contact, on the public site.",
        "people": {1: "1 person", "many": "{n} people"},
        "children": {0: "", 1: " including 1 child", "many": " including {n} children"},
    },
}


def counted(forms: dict, n: int | None) -> str:
    n = n or 0
    return forms[n] if n in forms else forms["many"].format(n=n)
