"""Every word of the pipeline board, French first, English complete."""

from ..domain.vocabulary import Stage

# (column heading, the stage as a move's destination)
STAGE_NAMES = {
    "fr": {Stage.NEW: ("Nouveaux contacts", "Nouveau contact"),
           Stage.CONTACTED: ("Contactés", "Contacté"),
           Stage.QUALIFIED: ("Qualifiés", "Qualifié"),
           Stage.INSTALLING: ("En installation", "En installation"),
           Stage.INSTALLED: ("Installés", "Installé"),
           Stage.LOST: ("Perdus", "Perdu")},
    "en": {Stage.NEW: ("New contacts", "New contact"),
           Stage.CONTACTED: ("Contacted", "Contacted"),
           Stage.QUALIFIED: ("Qualified", "Qualified"),
           Stage.INSTALLING: ("Installing", "Installing"),
           Stage.INSTALLED: ("Installed", "Installed"),
           Stage.LOST: ("Lost", "Lost")},
}

TEXTS = {
    "fr": {
        "title": "Pipeline des prospects",
        "intro": ("Chaque colonne est une étape, les plus récents en haut. Une nouvelle "
                  "demande apparaît ici d'elle-même."),
        "filters": "Filtrer le pipeline",
        "assignee": "Suivi par",
        "anyone": "Tout le monde",
        "nobody": "Personne (non attribué)",
        "origin_country": "Pays d'origine",
        "any_country": "Tous les pays",
        "sector": "Secteur d'activité",
        "any_sector": "Tous les secteurs",
        "village": "Village souhaité",
        "any_village": "Tous les villages",
        "first_contact": "Premier contact",
        "from": "Du",
        "to": "Au",
        "apply": "Filtrer",
        "clear_filters": "Effacer les filtres",
        "board": "Colonnes du pipeline",
        "count_one": "{n} prospect",
        "count_other": "{n} prospects",
        "empty": "Aucun prospect à cette étape.",
        "more": "Voir les suivants",
        "more_of": "dans « {stage} »",
        "top": "Revenir au début de la colonne",
        "shown_from": "Suite de la colonne.",
        "origin": "Origine",
        "household": "Foyer",
        "household_one": "{n} personne",
        "household_other": "{n} personnes",
        "unknown": "non renseigné",
        "villages": "Villages souhaités",
        "assigned": "Suivi par",
        "contact_today": "Dernier contact aujourd'hui",
        "contact_days_one": "Dernier contact il y a {n} jour",
        "contact_days_other": "Dernier contact il y a {n} jours",
        "move_to": "Déplacer vers",
        "move": "Déplacer",
        "reason": "Pourquoi le projet est-il perdu ?",
        "no_move": "Étape finale : plus de déplacement possible.",
        "moved": "La fiche de {name} est maintenant dans « {stage} ».",
        "moved_anonymous": "La fiche est maintenant dans « {stage} ».",
        "stale": ("{name} a été déplacé·e vers « {stage} » entre-temps, par quelqu'un "
                  "d'autre : rien n'a été changé. Choisissez de nouveau l'étape si "
                  "besoin."),
        "not_allowed": ("{name} ne peut pas passer de « {current} » à « {target} » "
                        "sur le tableau : rien n'a été changé."),
        "reason_missing": "Dites pourquoi le projet de {name} est perdu.",
        "reason_invalid": "La raison doit tenir en 500 caractères, sans caractère spécial.",
        "gone": "Ce prospect n'existe plus : sa fiche a été effacée ou n'a jamais existé.",
        "bad_date": "La date « {field} » doit être une date, par exemple 2026-03-31.",
        "dates_reversed": "La date de début doit précéder la date de fin.",
        "bad_filter": "Ce filtre n'existe pas : « {field} ». Choisissez dans la liste.",
        "bad_cursor": ("Le lien « voir les suivants » de « {stage} » n'est plus valable : "
                       "la colonne reprend au début."),
        "field_from": "premier contact du",
        "field_to": "premier contact au",
    },
    "en": {
        "title": "Prospect pipeline",
        "intro": ("Each column is a stage, newest first. A new enquiry appears here by "
                  "itself."),
        "filters": "Filter the pipeline",
        "assignee": "Handled by",
        "anyone": "Anyone",
        "nobody": "Nobody (unassigned)",
        "origin_country": "Country of origin",
        "any_country": "All countries",
        "sector": "Sector",
        "any_sector": "All sectors",
        "village": "Desired village",
        "any_village": "All villages",
        "first_contact": "First contact",
        "from": "From",
        "to": "To",
        "apply": "Filter",
        "clear_filters": "Clear the filters",
        "board": "Pipeline columns",
        "count_one": "{n} prospect",
        "count_other": "{n} prospects",
        "empty": "No prospect at this stage.",
        "more": "Show the next ones",
        "more_of": "in “{stage}”",
        "top": "Back to the top of the column",
        "shown_from": "Further down the column.",
        "origin": "Origin",
        "household": "Household",
        "household_one": "{n} person",
        "household_other": "{n} people",
        "unknown": "not given",
        "villages": "Desired villages",
        "assigned": "Handled by",
        "contact_today": "Last contact today",
        "contact_days_one": "Last contact {n} day ago",
        "contact_days_other": "Last contact {n} days ago",
        "move_to": "Move to",
        "move": "Move",
        "reason": "Why is the project lost?",
        "no_move": "Final stage: no further move.",
        "moved": "{name}'s file is now in “{stage}”.",
        "moved_anonymous": "The file is now in “{stage}”.",
        "stale": ("{name} was moved to “{stage}” meanwhile, by someone else: nothing was "
                  "changed. Choose the stage again if needed."),
        "not_allowed": ("{name} cannot go from “{current}” to “{target}” on the board: "
                        "nothing was changed."),
        "reason_missing": "Say why {name}'s project is lost.",
        "reason_invalid": "The reason must fit in 500 characters, without special characters.",
        "gone": "This prospect no longer exists: their file was erased or never existed.",
        "bad_date": "The “{field}” date must be a date, for example 2026-03-31.",
        "dates_reversed": "The start date must come before the end date.",
        "bad_filter": "There is no such filter: “{field}”. Choose from the list.",
        "bad_cursor": ("The “show the next ones” link of “{stage}” is no longer valid: the "
                       "column starts again from the top."),
        "field_from": "first contact from",
        "field_to": "first contact to",
    },
}


def stage_heading(stage: Stage, lang: str) -> str:
    return STAGE_NAMES[lang][stage][0]


def stage_name(stage: Stage, lang: str) -> str:
    return STAGE_NAMES[lang][stage][1]
