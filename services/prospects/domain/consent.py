"""The consent a person gives, word for word, by version: what was shown is what is stored.

A new wording is a new version; old versions stay here so every stored consent can be
shown as it was given."""

CURRENT_VERSION = "2025-01"

TEXTS: dict[str, dict[str, str]] = {
    "2025-01": {
        "fr": ("J'accepte que l'équipe Soho Solo du Gers conserve les informations de ce "
               "formulaire et me recontacte au sujet de mon projet d'installation. Je peux "
               "retirer mon accord et demander l'effacement de mes données à tout moment ; "
               "sans nouvelles de ma part pendant trois ans, elles sont anonymisées."),
        "en": ("I agree that the Soho Solo team of the Gers keeps the information in this "
               "form and contacts me about my plan to move. I can withdraw my consent and "
               "ask for my data to be erased at any time; after three years without news "
               "from me, it is anonymised."),
    },
}

# Where a consent was given: the public form, a program calling the API, or staff who
# recorded a contact that came by phone, email or at an event.
SOURCES = ("web_form", "api", "phone", "email", "event")


def consent_text(version: str, locale: str) -> str:
    return TEXTS[version][locale]


def is_known_version(version: str) -> bool:
    return version in TEXTS
