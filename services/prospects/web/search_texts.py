"""The words of the staff search page, French first, English complete."""

STAGES = {
    "fr": {"new": "Nouveau", "contacted": "Contacté", "qualified": "Qualifié",
           "installing": "En installation", "installed": "Installé", "lost": "Perdu"},
    "en": {"new": "New", "contacted": "Contacted", "qualified": "Qualified",
           "installing": "Installing", "installed": "Installed", "lost": "Lost"},
}

TEXTS = {
    "fr": {
        "title": "Rechercher un prospect",
        "label": "Nom, e-mail, téléphone ou ville d’origine",
        "hint": "Les fautes de frappe et les accents ne gênent pas. Flèche bas : aller aux "
                "résultats.",
        "submit": "Rechercher",
        "results": "Résultats",
        "results_for": "Résultats pour « {q} », les plus proches d’abord",
        "none": "Aucun prospect ne correspond à « {q} ».",
        "none_help": "Vérifiez l’orthographe, ou cherchez par e-mail, téléphone ou ville.",
        "too_short": "Tapez au moins 2 lettres, ou 6 chiffres d’un numéro de téléphone.",
        "too_long": "La recherche est trop longue : {max} caractères au plus.",
        "bad_cursor": "Cette page de résultats n’existe plus : voici les premiers.",
        "next": "Résultats suivants",
        "first": "Premiers résultats",
        "stage": "Étape :",
        "town": "Ville :",
        "intro": "Cherchez parmi tous les prospects, par nom, adresse e-mail, numéro de "
                 "téléphone ou ville d’origine.",
    },
    "en": {
        "title": "Search prospects",
        "label": "Name, email, phone or home town",
        "hint": "Typos and accents do not matter. Down arrow: go to the results.",
        "submit": "Search",
        "results": "Results",
        "results_for": "Results for “{q}”, closest first",
        "none": "No prospect matches “{q}”.",
        "none_help": "Check the spelling, or search by email, phone or town.",
        "too_short": "Type at least 2 letters, or 6 digits of a phone number.",
        "too_long": "The search is too long: {max} characters at most.",
        "bad_cursor": "That page of results no longer exists: here are the first ones.",
        "next": "Next results",
        "first": "First results",
        "stage": "Stage:",
        "town": "Town:",
        "intro": "Search all prospects by name, email address, phone number or home town.",
    },
}
