"""Every word of the staff's telecentre pages (the list and a place's page), French first,
English complete. Field messages name their field, as the error summary shows them."""

KINDS = {"telecentre": ("Télécentre", "Telecentre"),
         "coworking": ("Espace de coworking", "Coworking space")}
RESOURCE_KINDS = {"hot_desk": ("Poste de travail", "Hot desk"),
                  "private_office": ("Bureau privatif", "Private office"),
                  "meeting_room": ("Salle de réunion", "Meeting room")}
MODES = {"half_day": ("À la demi-journée ou à la journée", "By half-day or day"),
         "day": ("À la journée", "By the day"),
         "hour": ("À l'heure", "By the hour")}


def named(table: dict, code: str, lang: str) -> str:
    names = table.get(code)
    return (names[1] if lang == "en" else names[0]) if names else code


TEXTS = {
    "fr": {
        "title": "Télécentres et espaces de coworking",
        "lead": ("Les lieux où les membres réservent un poste, un bureau ou une salle, et leur "
                 "occupation cette semaine. Les postes comptent les bureaux privatifs."),
        "caption": "Télécentres et espaces de coworking : occupation de la semaine ({week})",
        "place": "Lieu", "name": "Nom", "kind": "Type", "desks": "Postes",
        "rooms": "Salles", "occupancy": "Occupation",
        "closed_all_week": "fermé", "none": "Aucun lieu pour l'instant.",
        "next_page": "Lieux suivants", "first_page": "Revenir au début de la liste",
        # A place's page
        "breadcrumb": "Télécentres", "on_this_page": "Sur cette page",
        "address": "Adresse", "insee": "code INSEE",
        "occupancy_title": "Occupation",
        "occupancy_help": ("Part des heures d'ouverture couvertes par les réservations actives "
                           "(réservées ou présence enregistrée)."),
        "previous_week": "Semaine précédente", "next_week": "Semaine suivante",
        "this_week": "Cette semaine", "go_to_week": "Aller à la semaine",
        "week_hint": "Au format AAAA-Sss, par exemple 2026-W49.", "show": "Afficher",
        "weeks_caption": "Occupation semaine par semaine",
        "week": "Semaine", "current": "(affichée)",
        "grid_caption": "Occupation par poste et par jour ({week})",
        "desk": "Poste ou salle", "whole_week": "Semaine", "all_desks": "Ensemble",
        "closed": "fermé", "inactive": "désactivé",
        "no_desks": "Ce lieu n'a encore aucun poste ni aucune salle.",
        "hours_title": "Horaires d'ouverture",
        "hours_help": ("Heure d'ouverture et de fermeture de chaque jour (heure de Paris). "
                       "Laissez les deux vides pour un jour fermé. Les réservations déjà "
                       "faites sont gardées."),
        "hours_caption": "Horaires de la semaine",
        "day": "Jour", "opens": "Ouverture", "closes": "Fermeture",
        "opens_on": "Ouverture le {day}", "closes_on": "Fermeture le {day}",
        "hours_button": "Enregistrer les horaires",
        "closures_title": "Fermetures à venir",
        "closures_help": "Les jours fériés ferment tous les lieux : ils sont comptés d'office.",
        "closures_caption": "Fermetures des douze prochains mois",
        "date": "Date", "reason": "Motif", "action": "Action",
        "holiday": "jour férié", "no_closures": "Aucune fermeture prévue.",
        "remove": "Retirer", "remove_closure": "la fermeture du {day}",
        "add_closure": "Ajouter une fermeture",
        "closure_day": "Date", "closure_day_hint": "Par exemple 24/12/2026.",
        "closure_reason": "Motif", "closure_reason_hint": "Par exemple : travaux, inventaire.",
        "closure_button": "Ajouter la fermeture",
        "desks_title": "Postes et salles",
        "desks_caption": "Postes, bureaux et salles du lieu",
        "capacity": "Capacité", "booking_mode": "Réservation", "state": "État",
        "active": "actif", "people": "{n} pers.",
        "edit_desk": "Modifier « {name} »",
        "desk_name": "Nom", "desk_active": "Réservable (décocher pour désactiver)",
        "desk_button": "Enregistrer",
        "add_desk": "Ajouter un poste ou une salle",
        "desk_kind": "Type", "choose": "Choisir…",
        "desk_capacity": "Capacité (personnes)",
        "desk_mode": "Réservation",
        "mode_auto": "Selon le type (demi-journée pour un poste ou un bureau, heure pour une salle)",
        "add_desk_button": "Ajouter",
        "done_hours": "Les horaires sont enregistrés.",
        "done_closure": "La fermeture du {day} est ajoutée.",
        "done_closure_bookings": {1: "1 réservation active ce jour-là : prévenez le membre ou "
                                     "annulez-la.",
                                  "many": "{n} réservations actives ce jour-là : prévenez les "
                                          "membres ou annulez-les."},
        "done_reopened": "La fermeture est retirée.",
        "done_desk": "Le poste ou la salle est ajouté.",
        "done_desk_changed": "Le poste ou la salle est modifié.",
        "changed_title": "Ce lieu a changé entre-temps",
        "changed": ("Quelqu'un l'a modifié depuis que vous avez ouvert la page : rien n'a été "
                    "enregistré. Voici le lieu tel qu'il est maintenant, avec ce que vous aviez "
                    "saisi ; vérifiez et recommencez."),
        "see_form": "Voir le formulaire",
        "field": {
            "hours_pair": "{day} : indiquez l'ouverture et la fermeture, ou aucune des deux "
                          "pour un jour fermé",
            "hours_time": "{day} : « {value} » n'est pas une heure (HH:MM)",
            "hours_order": "{day} : la fermeture doit suivre l'ouverture",
            "closure_day": "Date : « {value} » n'est pas une date (JJ/MM/AAAA)",
            "closure_day_missing": "Date : indiquez le jour de la fermeture",
            "closure_day_past": "Date : choisissez aujourd'hui ou un jour à venir",
            "closure_reason": "Motif : indiquez un motif (200 caractères au plus)",
            "desk_kind": "Type : choisissez poste de travail, bureau privatif ou salle",
            "desk_name": "Nom : indiquez un nom (200 caractères au plus)",
            "desk_name_taken": "Nom : ce lieu a déjà un poste ou une salle de ce nom",
            "desk_capacity": "Capacité : un nombre entier de 1 à 200",
            "desk_mode": ("Réservation : les postes et bureaux se réservent à la demi-journée "
                          "ou à la journée, les salles à l'heure"),
            "week": "Semaine : « {value} » n'est pas une semaine (AAAA-Sss, par exemple 2026-W49)",
        },
    },
    "en": {
        "title": "Telecentres and coworking spaces",
        "lead": ("The places where members book a desk, an office or a room, and how full "
                 "they are this week. Desks include private offices."),
        "caption": "Telecentres and coworking spaces: occupancy this week ({week})",
        "place": "Place", "name": "Name", "kind": "Kind", "desks": "Desks",
        "rooms": "Rooms", "occupancy": "Occupancy",
        "closed_all_week": "closed", "none": "No places yet.",
        "next_page": "Next places", "first_page": "Back to the start of the list",
        "breadcrumb": "Telecentres", "on_this_page": "On this page",
        "address": "Address", "insee": "INSEE code",
        "occupancy_title": "Occupancy",
        "occupancy_help": ("Share of the opening hours covered by active bookings (booked or "
                           "checked in)."),
        "previous_week": "Previous week", "next_week": "Next week",
        "this_week": "This week", "go_to_week": "Go to week",
        "week_hint": "As YYYY-Www, for example 2026-W49.", "show": "Show",
        "weeks_caption": "Occupancy week by week",
        "week": "Week", "current": "(shown)",
        "grid_caption": "Occupancy by desk and by day ({week})",
        "desk": "Desk or room", "whole_week": "Week", "all_desks": "All together",
        "closed": "closed", "inactive": "deactivated",
        "no_desks": "This place has no desk or room yet.",
        "hours_title": "Opening hours",
        "hours_help": ("Opening and closing time of each day (Paris time). Leave both empty "
                       "for a day it is closed. Bookings already made are kept."),
        "hours_caption": "The week's opening hours",
        "day": "Day", "opens": "Opens", "closes": "Closes",
        "opens_on": "Opens on {day}", "closes_on": "Closes on {day}",
        "hours_button": "Save the opening hours",
        "closures_title": "Coming closures",
        "closures_help": "Public holidays close every place: they count without being added.",
        "closures_caption": "Closures in the next twelve months",
        "date": "Date", "reason": "Reason", "action": "Action",
        "holiday": "public holiday", "no_closures": "No closures planned.",
        "remove": "Remove", "remove_closure": "the closure on {day}",
        "add_closure": "Add a closure",
        "closure_day": "Date", "closure_day_hint": "For example 24/12/2026 (day/month/year).",
        "closure_reason": "Reason", "closure_reason_hint": "For example: building work, stocktaking.",
        "closure_button": "Add the closure",
        "desks_title": "Desks and rooms",
        "desks_caption": "The place's desks, offices and rooms",
        "capacity": "Capacity", "booking_mode": "Booking", "state": "State",
        "active": "active", "people": "{n} people",
        "edit_desk": "Change “{name}”",
        "desk_name": "Name", "desk_active": "Bookable (untick to deactivate)",
        "desk_button": "Save",
        "add_desk": "Add a desk or room",
        "desk_kind": "Kind", "choose": "Choose…",
        "desk_capacity": "Capacity (people)",
        "desk_mode": "Booking",
        "mode_auto": "By its kind (half-day for a desk or office, hour for a room)",
        "add_desk_button": "Add",
        "done_hours": "The opening hours are saved.",
        "done_closure": "The closure on {day} is added.",
        "done_closure_bookings": {1: "1 active booking that day: tell the member or cancel it.",
                                  "many": "{n} active bookings that day: tell the members or "
                                          "cancel them."},
        "done_reopened": "The closure is removed.",
        "done_desk": "The desk or room is added.",
        "done_desk_changed": "The desk or room is changed.",
        "changed_title": "This place changed meanwhile",
        "changed": ("Someone changed it since you opened the page: nothing was saved. Here is "
                    "the place as it now stands, with what you typed; check and try again."),
        "see_form": "See the form",
        "field": {
            "hours_pair": "{day}: give the opening and the closing time, or neither for a "
                          "closed day",
            "hours_time": "{day}: “{value}” is not a time (HH:MM)",
            "hours_order": "{day}: closing must come after opening",
            "closure_day": "Date: “{value}” is not a date (DD/MM/YYYY)",
            "closure_day_missing": "Date: give the day of the closure",
            "closure_day_past": "Date: choose today or a day to come",
            "closure_reason": "Reason: give a reason (200 characters at most)",
            "desk_kind": "Kind: choose hot desk, private office or meeting room",
            "desk_name": "Name: give a name (200 characters at most)",
            "desk_name_taken": "Name: this place already has a desk or room of that name",
            "desk_capacity": "Capacity: a whole number from 1 to 200",
            "desk_mode": ("Booking: desks and offices are booked by half-day or day, rooms by "
                          "the hour"),
            "week": "Week: “{value}” is not a week (YYYY-Www, for example 2026-W49)",
        },
    },
}


def bookings_that_day(lang: str, n: int) -> str:
    forms = TEXTS[lang]["done_closure_bookings"]
    return forms[n] if n in forms else forms["many"].format(n=n)
