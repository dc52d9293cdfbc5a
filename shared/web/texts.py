"""The words of the shared layout, French first."""

LAYOUT = {
    "fr": {
        "brand": "Soho Solo · Gers",
        "skip": "Aller au contenu",
        "menu": "Menu principal",
        "switch": "English",
        "sign_in": "Se connecter",
        "sign_out": "Se déconnecter",
        "signed_in_as": "Connecté·e :",
        "footer": "Soho Solo Gers, un programme de la CCI du Gers.",
        "not_found_title": "Page introuvable",
        "not_found": "Cette page n'existe pas ou plus.",
        "forbidden_title": "Accès refusé",
        "forbidden": "Votre compte ne donne pas accès à cette page.",
        "back_home": "Retour à l'accueil",
    },
    "en": {
        "brand": "Soho Solo · Gers",
        "skip": "Skip to content",
        "menu": "Main menu",
        "switch": "Français",
        "sign_in": "Sign in",
        "sign_out": "Sign out",
        "signed_in_as": "Signed in:",
        "footer": "Soho Solo Gers, a programme of the Gers Chamber of Commerce.",
        "not_found_title": "Page not found",
        "not_found": "This page does not exist, or no longer does.",
        "forbidden_title": "Access refused",
        "forbidden": "Your account does not give access to this page.",
        "back_home": "Back to the home page",
    },
}
