"""Every word of the form a person reads, in French and in English."""

from shared.reference.sectors import SECTORS as SHARED_SECTORS

from ..domain.vocabulary import MoveHorizon, Sector

LOCALES = ("fr", "en")

TEXT = {
    "fr": {
        "title": "Vivre et travailler dans le Gers",
        "presentation": ("Depuis 2008, la CCI du Gers fait venir des télétravailleurs et des "
                         "indépendants, avec leur famille, vivre dans les villages du "
                         "département : c'est Soho Solo."),
        "support_title": "Un accompagnement pas à pas",
        "support_intro": "L'équipe Soho Solo vous accompagne pour :",
        "support": ["le choix du village, selon votre métier, votre famille et vos envies ;",
                    "le logement, trouvé avec le comité d'accueil du village ;",
                    "l'installation de votre activité : démarches, contacts, premiers "
                    "clients ;",
                    "le haut débit, là où vous vous installez."],
        "network": ("Une fois installé, vous rejoignez le réseau des membres Soho Solo et "
                    "travaillez, quand vous le voulez, dans les télécentres et espaces de "
                    "coworking du département."),
        "figures_title": "Soho Solo en chiffres",
        "figures_link": "Voir les chiffres clés du programme",
        "discover_title": "Découvrir le Gers",
        "discover_villages": "La carte des villages qui accueillent des solos",
        "discover_telecentres": "Les télécentres et espaces de coworking",
        "form_title": "Parlez-nous de votre projet",
        "intro": ("Vous travaillez à distance ou à votre compte et vous pensez vous installer "
                  "dans un village du Gers ? Parlez-nous de votre projet : l'équipe Soho Solo "
                  "vous recontacte pour en discuter, sans engagement."),
        "switch": "English", "switch_lang": "en",
        "required": "obligatoire", "optional": "facultatif",
        "you": "Vous", "origin": "D'où vous venez", "work": "Votre travail",
        "household": "Votre foyer", "project": "Votre projet",
        "villages": "Villages qui vous attirent",
        "villages_hint": ("Jusqu'à trois communes du Gers : commencez à taper un nom, "
                          "par exemple Marciac ou L'Isle-Jourdain."),
        "village_n": "Village {n}",
        "choose": "Choisir…",
        "submit": "Envoyer ma demande",
        "consent_legend": "Votre accord",
        "errors_title_one": "Votre demande n'est pas encore partie : un point à corriger",
        "errors_title": "Votre demande n'est pas encore partie : {n} points à corriger",
        "error_prefix": "Erreur : ",
        "honeypot": "Ne remplissez pas ce champ",
        "too_many": ("Trop de demandes sont parties de votre connexion. Réessayez dans "
                     "{minutes} minute(s) : ce que vous avez écrit est conservé ci-dessous."),
        "too_large": ("Votre demande est trop volumineuse pour être envoyée (un très long "
                      "texte collé ?). Raccourcissez-la et renvoyez le formulaire : ce que "
                      "vous aviez écrit n'a pas pu être conservé."),
        "thanks_title": "Merci, votre demande est bien arrivée",
        "thanks": ("L'équipe Soho Solo vous répond par e-mail ou par téléphone dans les "
                   "prochains jours. À bientôt dans le Gers !"),
        "back": "Revenir au formulaire",
        "privacy": ("Vos données servent uniquement à vous accompagner dans votre projet. "
                    "Vous pouvez y accéder, les corriger ou les faire effacer en écrivant à "
                    "l'équipe Soho Solo."),
    },
    "en": {
        "title": "Live and work in the Gers",
        "presentation": ("Since 2008, the Gers Chamber of Commerce has been bringing remote "
                         "workers and freelancers, with their families, to live in the "
                         "villages of the department: this is Soho Solo."),
        "support_title": "Help at every step",
        "support_intro": "The Soho Solo team helps you with:",
        "support": ["choosing your village, for your work, your family and what you love;",
                    "finding a home, with the village's welcome committee;",
                    "setting up your business: formalities, contacts, first clients;",
                    "broadband, where you settle."],
        "network": ("Once you have moved in, you join the network of Soho Solo members and "
                    "work, whenever you like, in the department's telecentres and coworking "
                    "spaces."),
        "figures_title": "Soho Solo in figures",
        "figures_link": "See the programme's key figures",
        "discover_title": "Discover the Gers",
        "discover_villages": "The map of the villages welcoming solos",
        "discover_telecentres": "Telecentres and coworking spaces",
        "form_title": "Tell us about your plans",
        "intro": ("You work remotely or for yourself and are thinking of moving to a village "
                  "in the Gers, in south-west France? Tell us about your plans: the Soho Solo "
                  "team will get back to you to talk them through, with no commitment."),
        "switch": "Français", "switch_lang": "fr",
        "required": "required", "optional": "optional",
        "you": "You", "origin": "Where you come from", "work": "Your work",
        "household": "Your household", "project": "Your plans",
        "villages": "Villages you have in mind",
        "villages_hint": ("Up to three communes of the Gers: start typing a name, for "
                          "example Marciac or L'Isle-Jourdain."),
        "village_n": "Village {n}",
        "choose": "Choose…",
        "submit": "Send my request",
        "consent_legend": "Your consent",
        "errors_title_one": "Your request has not been sent yet: one thing to fix",
        "errors_title": "Your request has not been sent yet: {n} things to fix",
        "error_prefix": "Error: ",
        "honeypot": "Leave this field empty",
        "too_many": ("Too many requests came from your connection. Please try again in "
                     "{minutes} minute(s): what you typed is kept below."),
        "too_large": ("Your request is too large to send (a very long pasted text?). "
                      "Please shorten it and send the form again: what you typed could "
                      "not be kept."),
        "thanks_title": "Thank you, your request has arrived",
        "thanks": ("The Soho Solo team will answer by email or phone in the coming days. "
                   "See you soon in the Gers!"),
        "back": "Back to the form",
        "privacy": ("Your data is used only to help you with your move. You can see it, "
                    "correct it or have it erased by writing to the Soho Solo team."),
    },
}

LABELS = {
    "fr": {"first_name": "Prénom", "last_name": "Nom", "email": "Adresse e-mail",
           "phone": "Téléphone", "origin_city": "Ville", "origin_country": "Pays",
           "profession": "Métier", "sector": "Secteur d'activité",
           "household_adults": "Adultes", "household_children": "Enfants",
           "move_horizon": "Quand aimeriez-vous vous installer ?",
           "message": "Votre message", "consent": "Accord"},
    "en": {"first_name": "First name", "last_name": "Last name", "email": "Email address",
           "phone": "Phone", "origin_city": "City", "origin_country": "Country",
           "profession": "Profession", "sector": "Sector",
           "household_adults": "Adults", "household_children": "Children",
           "move_horizon": "When would you like to move?",
           "message": "Your message", "consent": "Consent"},
}

# The names of the sectors are the programme's (shared.reference.sectors), keyed here by
# the form's vocabulary.
SECTORS = {Sector(code): names for code, names in SHARED_SECTORS.items()}

HORIZONS = {
    MoveHorizon.WITHIN_6_MONTHS: ("Dans les 6 mois", "Within 6 months"),
    MoveHorizon.WITHIN_A_YEAR: ("D'ici un an", "Within a year"),
    MoveHorizon.WITHIN_2_YEARS: ("D'ici deux ans", "Within two years"),
    MoveHorizon.LATER: ("Plus tard", "Later"),
    MoveHorizon.UNDECIDED: ("Je ne sais pas encore", "I don't know yet"),
}


def choices(table: dict, locale: str) -> list[tuple[str, str]]:
    index = LOCALES.index(locale)
    return [(key.value, names[index]) for key, names in table.items()]
