"""Every word of the staff's prospect file (its page, the export page, the erasure
confirmation), French first, English complete."""

from shared.reference.sectors import SECTORS

from .wording import HORIZONS

STAGES = {
    "new": ("Nouveau", "New"),
    "contacted": ("Contacté", "Contacted"),
    "qualified": ("Qualifié", "Qualified"),
    "installing": ("En installation", "Installing"),
    "installed": ("Installé", "Installed"),
    "lost": ("Perdu", "Lost"),
}
VIABILITIES = {
    "confirmed": ("Confirmé (accord de l'employeur, clients déjà à distance)",
                  "Confirmed (employer agreed, clients already remote)"),
    "likely": ("Probable (métier compatible, pas encore convenu)",
               "Likely (a remote-friendly job, not yet agreed)"),
    "to_confirm": ("À confirmer", "To be confirmed"),
}
CHANNELS = {"web": ("formulaire web", "web form"), "phone": ("téléphone", "phone"),
            "email": ("e-mail", "email"), "event": ("événement", "event")}
SOURCES = {"web_form": ("le formulaire web", "the web form"), "api": ("l'API", "the API"),
           "phone": ("téléphone", "phone"), "email": ("e-mail", "email"),
           "event": ("un événement", "an event")}
LANGUAGES = {"fr": ("français", "French"), "en": ("anglais", "English")}


def named(table: dict, code: str | None, lang: str) -> str:
    """The name of `code` in the page's language (an unknown code as it is)."""
    if code is None:
        return ""
    names = table.get(code)
    return (names[0] if lang == "fr" else names[1]) if names else code


def stage_name(code: str, lang: str) -> str:
    return named(STAGES, code, lang)


def horizon_name(code: str | None, lang: str) -> str:
    return named({k.value: v for k, v in HORIZONS.items()}, code, lang)


def sector_name(code: str | None, lang: str) -> str:
    return named(SECTORS, code, lang)


def choices(table: dict, lang: str) -> list[tuple[str, str]]:
    index = 0 if lang == "fr" else 1
    return [(getattr(code, "value", code), names[index]) for code, names in table.items()]


TEXTS = {
    "fr": {
        "title": "Fiche prospect",
        "breadcrumb": "Pipeline des prospects",
        "stage": "Étape", "assignee": "Suivi par", "nobody": "personne",
        "score": "Score", "out_of": "sur 100",
        "identity": "Identité", "first_name": "Prénom", "last_name": "Nom",
        "email": "E-mail", "phone": "Téléphone", "language": "Langue",
        "household": "Foyer", "adults": "Adultes", "children": "Enfants",
        "household_size": "Personnes", "work": "Travail", "profession": "Métier",
        "sector": "Secteur", "origin": "Origine", "town": "Ville", "country": "Pays",
        "villages": "Villages", "desired_villages": "Villages souhaités",
        "target_villages": "Villages retenus", "horizon": "Horizon d'installation",
        "lost_reason": "Raison de la perte", "not_given": "non renseigné",
        "consent": "Consentement",
        "consent_given": "Version {version} du texte, donnée le {date} via {source}.",
        "consent_text": "Le texte accepté",
        "qualification": "Qualification",
        "score_reasons": "Ce qui fait le score",
        "reason_col": "Critère", "points_col": "Points",
        "qualified_by": "Qualifié le {date} par {who}.",
        "qualification_notes": "Notes de qualification",
        "timeline": "Historique", "timeline_help": "Du plus récent au plus ancien.",
        "installation_case": "Dossier d'installation",
        "installation_case_link": "Voir le dossier d'installation",
        "emails_sent": "Emails envoyés", "emails_sent_link": "Voir les emails envoyés",
        "by": "par",
        "actions": "Actions",
        "add_note": "Ajouter une note", "note": "Note", "note_button": "Ajouter la note",
        "assign": "Suivi", "assigned_to": "Personne qui suit ce prospect",
        "assigned_hint": "Laissez vide pour ne l'attribuer à personne.",
        "assign_button": "Enregistrer le suivi", "assign_me": "Me l'attribuer",
        "move": "Changer d'étape", "new_stage": "Nouvelle étape",
        "reason": "Raison (obligatoire pour « Perdu »)", "move_button": "Changer d'étape",
        "no_moves": "Aucun changement d'étape possible à la main depuis cette étape.",
        "choose": "Choisir…",
        "qualify": "Qualifier", "qualify_help": ("Les faits recueillis avec la personne ; "
                                                "le score en découle."),
        "viability": "Peut-elle garder son activité depuis un village ?",
        "target_village_n": "Village retenu {n}",
        "villages_hint": "Une commune du Gers par champ, par exemple Marciac.",
        "qualify_notes": "Notes", "optional": "facultatif",
        "qualify_button": "Qualifier ce prospect",
        "data": "Données personnelles",
        "export_json": "Exporter toutes ses données (JSON)",
        "export_page": "Voir toutes ses données",
        "erase_link": "Effacer cette personne…",
        "done_note": "La note est ajoutée à l'historique.",
        "done_assignee": "Le suivi est enregistré.",
        "done_stage": "L'étape est changée.",
        "done_qualified": "Le prospect est qualifié.",
        "changed_title": "Cette fiche a changé pendant que vous la lisiez",
        "changed": ("Quelqu'un d'autre l'a modifiée depuis que vous l'avez ouverte : rien "
                    "n'a été enregistré. Voici la fiche telle qu'elle est maintenant, avec "
                    "ce que vous aviez saisi ; relisez-la et renvoyez le formulaire."),
        "conflict_title": "Ce changement n'est pas possible",
        "conflict": "Rien n'a été enregistré : {reason}",
        "conflict_qualified": "ce prospect est déjà qualifié, ou n'en est pas à cette étape.",
        "conflict_stage": "cette étape ne peut pas suivre l'étape actuelle.",
        "erased_title": "Personne effacée",
        "erased": "Cette personne a été effacée : rien de ce qui l'identifiait n'est conservé.",
        "back_board": "Retour au pipeline",
        "kinds": {
            "contact": "Prise de contact ({channel})",
            "note": "Note",
            "assignment": "Suivi : {from_} → {to}",
            "stage": "Étape : {from_} → {to}",
            "qualification": "Qualifié, score {score} sur 100",
            "installed": "Installé à {village}",
            "erased": "Personne effacée",
        },
        "field_errors": {
            "text": "Écrivez la note (5 000 caractères au plus).",
            "assigned_to": "Un nom de 100 caractères au plus, sur une ligne.",
            "stage": "Choisissez une étape dans la liste.",
            "reason": "Dites pourquoi le projet est perdu (500 caractères au plus).",
            "remote_work_viability": "Choisissez une réponse dans la liste.",
            "household_adults": "Un nombre entier d'adultes, de 1 à 20.",
            "household_children": "Un nombre entier d'enfants, de 0 à 30.",
            "move_horizon": "Choisissez un horizon dans la liste.",
            "sector": "Choisissez un secteur dans la liste.",
            "notes": "5 000 caractères au plus.",
            "village": "« {value} » n'est pas une commune du Gers.",
        },
        # The export page
        "export_title": "Toutes les données de {name}",
        "export_lead": ("Tout ce que le service des prospects conserve sur cette personne, "
                        "exporté le {date} (droit d'accès et portabilité, RGPD art. 15 et "
                        "20)."),
        "export_elsewhere": ("Les autres services (accompagnement à l'installation, "
                             "e-mails envoyés, réservations) exportent leur propre part."),
        "contacts": "Prises de contact", "received": "Reçue le {date} par {channel}",
        "recorded_by": "Saisie par {who}",
        "back_file": "Retour à la fiche",
        # The erasure confirmation
        "erase_title": "Effacer {name} ?",
        "erase_lead": "L'effacement est définitif. Seront supprimés :",
        "erase_identity": ("son identité et ses coordonnées (nom, prénom, e-mail, "
                           "téléphone, ville d'origine, métier) ;"),
        "erase_contacts": ("ce que la personne a écrit dans sa prise de contact ;",
                           "ce que la personne a écrit dans ses {n} prises de contact ;"),
        "erase_notes": ("le texte de la note et des raisons écrites par l'équipe, et les "
                        "notes de qualification ;",
                        "le texte des {n} notes et des raisons écrites par l'équipe, et "
                        "les notes de qualification ;"),
        "erase_consents": ("son consentement enregistré, qui ne désignera plus personne (sa "
                           "version et sa date restent) ;",
                           "ses {n} consentements enregistrés, qui ne désigneront plus "
                           "personne (leur version et leur date restent) ;"),
        "erase_events": "les messages déjà publiés à son sujet.",
        "erase_others": ("Les autres services (accompagnement à l'installation, e-mails, "
                         "réservations) effacent leur part dès qu'ils reçoivent l'avis "
                         "d'effacement."),
        "erase_kept": ("Restent, sans rien qui l'identifie, les chiffres du programme : "
                       "étape, dates, secteur, pays, taille du foyer, villages."),
        "erase_button": "Effacer définitivement",
        "cancel": "Annuler et revenir à la fiche",
    },
    "en": {
        "title": "Prospect file",
        "breadcrumb": "Prospect pipeline",
        "stage": "Stage", "assignee": "Followed by", "nobody": "nobody",
        "score": "Score", "out_of": "out of 100",
        "identity": "Identity", "first_name": "First name", "last_name": "Last name",
        "email": "Email", "phone": "Phone", "language": "Language",
        "household": "Household", "adults": "Adults", "children": "Children",
        "household_size": "People", "work": "Work", "profession": "Profession",
        "sector": "Sector", "origin": "Origin", "town": "Town", "country": "Country",
        "villages": "Villages", "desired_villages": "Villages in mind",
        "target_villages": "Villages agreed", "horizon": "Move horizon",
        "lost_reason": "Why it was lost", "not_given": "not given",
        "consent": "Consent",
        "consent_given": "Version {version} of the text, given on {date} through {source}.",
        "consent_text": "The text agreed to",
        "qualification": "Qualification",
        "score_reasons": "What makes the score",
        "reason_col": "Factor", "points_col": "Points",
        "qualified_by": "Qualified on {date} by {who}.",
        "qualification_notes": "Qualification notes",
        "timeline": "Timeline", "timeline_help": "Newest first.",
        "installation_case": "Installation case",
        "installation_case_link": "See the installation case",
        "emails_sent": "Emails sent", "emails_sent_link": "See the emails sent",
        "by": "by",
        "actions": "Actions",
        "add_note": "Add a note", "note": "Note", "note_button": "Add the note",
        "assign": "Follow-up", "assigned_to": "Who follows this prospect",
        "assigned_hint": "Leave empty to assign nobody.",
        "assign_button": "Save", "assign_me": "Assign to me",
        "move": "Change stage", "new_stage": "New stage",
        "reason": "Reason (required for “Lost”)", "move_button": "Change stage",
        "no_moves": "No stage can be set by hand from this one.",
        "choose": "Choose…",
        "qualify": "Qualify", "qualify_help": ("The facts gathered with the person; the score "
                                              "follows from them."),
        "viability": "Can they keep earning their living from a village?",
        "target_village_n": "Village agreed {n}",
        "villages_hint": "One commune of the Gers per field, for example Marciac.",
        "qualify_notes": "Notes", "optional": "optional",
        "qualify_button": "Qualify this prospect",
        "data": "Personal data",
        "export_json": "Export all their data (JSON)",
        "export_page": "See all their data",
        "erase_link": "Erase this person…",
        "done_note": "The note is on the timeline.",
        "done_assignee": "The follow-up is saved.",
        "done_stage": "The stage is changed.",
        "done_qualified": "The prospect is qualified.",
        "changed_title": "This file changed while you were reading it",
        "changed": ("Someone else changed it since you opened it: nothing was saved. Here "
                    "is the file as it now stands, with what you typed; read it again and "
                    "send the form again."),
        "conflict_title": "This change is not possible",
        "conflict": "Nothing was saved: {reason}",
        "conflict_qualified": "this prospect is already qualified, or not at that stage.",
        "conflict_stage": "that stage cannot follow the current one.",
        "erased_title": "Person erased",
        "erased": "This person was erased: nothing that identified them is kept.",
        "back_board": "Back to the pipeline",
        "kinds": {
            "contact": "Got in touch ({channel})",
            "note": "Note",
            "assignment": "Follow-up: {from_} → {to}",
            "stage": "Stage: {from_} → {to}",
            "qualification": "Qualified, score {score} out of 100",
            "installed": "Installed in {village}",
            "erased": "Person erased",
        },
        "field_errors": {
            "text": "Write the note (5,000 characters at most).",
            "assigned_to": "A name of 100 characters at most, on one line.",
            "stage": "Choose a stage from the list.",
            "reason": "Say why the project was lost (500 characters at most).",
            "remote_work_viability": "Choose an answer from the list.",
            "household_adults": "A whole number of adults, from 1 to 20.",
            "household_children": "A whole number of children, from 0 to 30.",
            "move_horizon": "Choose a horizon from the list.",
            "sector": "Choose a sector from the list.",
            "notes": "5,000 characters at most.",
            "village": "“{value}” is not a commune of the Gers.",
        },
        "export_title": "All the data on {name}",
        "export_lead": ("Everything the prospects service keeps about this person, exported "
                        "on {date} (right of access and portability, GDPR art. 15 and 20)."),
        "export_elsewhere": ("The other services (installation support, emails sent, "
                             "bookings) export their own part."),
        "contacts": "Contacts", "received": "Received on {date} by {channel}",
        "recorded_by": "Recorded by {who}",
        "back_file": "Back to the file",
        "erase_title": "Erase {name}?",
        "erase_lead": "Erasure is final. These will be deleted:",
        "erase_identity": ("their identity and contact details (names, email, phone, town "
                           "of origin, profession);"),
        "erase_contacts": ("what they wrote when they got in touch;",
                           "what they wrote in their {n} contacts;"),
        "erase_notes": ("the text of the note and reasons the team wrote, and the "
                        "qualification notes;",
                        "the text of the {n} notes and reasons the team wrote, and the "
                        "qualification notes;"),
        "erase_consents": ("their consent record, which will name nobody (its version and "
                           "date stay);",
                           "their {n} consent records, which will name nobody (their "
                           "version and date stay);"),
        "erase_events": "the messages already published about them.",
        "erase_others": ("The other services (installation support, emails, bookings) erase "
                         "their part as soon as they receive the notice of erasure."),
        "erase_kept": ("What stays, with nothing that identifies them, are the programme's "
                       "figures: stage, dates, sector, country, household size, villages."),
        "erase_button": "Erase for good",
        "cancel": "Cancel and go back to the file",
    },
}
