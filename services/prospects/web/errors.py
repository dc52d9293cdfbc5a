"""Each validation error of the contact model, said to a person in the page's language."""

MESSAGES = {
    "fr": {
        "missing": "Ce champ est obligatoire.",
        "string_too_short": "Ce champ est obligatoire.",
        "string_too_long": "C'est trop long : {max_length} caractères au plus.",
        "text_control_characters": "Ce texte contient des caractères non autorisés.",
        "text_invalid_unicode": "Ce texte contient des caractères non autorisés.",
        "string_unicode": "Ce texte contient des caractères non autorisés.",
        "email_invalid": "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr).",
        "phone_invalid": "Ce numéro n'est pas valide : des chiffres, des espaces et le signe +.",
        "country_unknown": "Choisissez un pays dans la liste.",
        "village_unknown": ("« {value} » n'est pas une commune du Gers : choisissez un nom "
                            "dans la liste."),
        "int_type": "Indiquez un nombre entier.",
        "int_parsing": "Indiquez un nombre entier.",
        "greater_than_equal": "Indiquez au moins {ge}.",
        "less_than_equal": "Indiquez au plus {le}.",
        "enum": "Choisissez une réponse dans la liste.",
        "literal_error": "Choisissez une réponse dans la liste.",
        "consent_required": ("Nous ne pouvons vous recontacter qu'avec votre accord : "
                             "cochez la case."),
        "invalid": "Cette valeur n'est pas valide.",
    },
    "en": {
        "missing": "This field is required.",
        "string_too_short": "This field is required.",
        "string_too_long": "This is too long: {max_length} characters at most.",
        "text_control_characters": "This text contains characters that are not allowed.",
        "text_invalid_unicode": "This text contains characters that are not allowed.",
        "string_unicode": "This text contains characters that are not allowed.",
        "email_invalid": "This email address is not valid (for example: jane.doe@example.org).",
        "phone_invalid": "This number is not valid: digits, spaces and the + sign only.",
        "country_unknown": "Choose a country from the list.",
        "village_unknown": "“{value}” is not a commune of the Gers: choose a name from the list.",
        "int_type": "Enter a whole number.",
        "int_parsing": "Enter a whole number.",
        "greater_than_equal": "Enter at least {ge}.",
        "less_than_equal": "Enter at most {le}.",
        "enum": "Choose an answer from the list.",
        "literal_error": "Choose an answer from the list.",
        "consent_required": "We can only contact you with your consent: tick the box.",
        "invalid": "This value is not valid.",
    },
}


def explain(error_type: str, locale: str, context: dict | None = None) -> str:
    messages = MESSAGES[locale]
    template = messages.get(error_type, messages["invalid"])
    try:
        return template.format(**(context or {}))
    except (KeyError, IndexError):
        return messages["invalid"]
