"""The words of the members' pages, French first."""

TEXTS = {
    "fr": {
        "title": "Mes réservations",
        "hello": "Bonjour {name}",
        "hello_anonymous": "Bonjour",
        "lead": "Vos réservations de postes et de salles dans les télécentres du Gers.",
        "village": "Votre village : {village}.",
        "coming": "Réservations à venir",
        "none_coming": "Aucune réservation à venir.",
        "place": "Lieu",
        "desk": "Poste ou salle",
        "when": "Date",
        "hours": "Horaire",
        "checked_in": "présence enregistrée",
        "past": {0: "Aucune réservation passée.", 1: "1 réservation passée.",
                 "many": "{n} réservations passées."},
        "feed": "Dans votre agenda",
        "feed_help": ("Abonnez votre agenda (Google Agenda, Outlook, Calendrier…) à ce lien "
                      "pour y voir vos réservations. Il est personnel : ne le partagez pas."),
        "feed_link": "Lien d'abonnement à mes réservations (iCalendar)",
        "not_known": ("Votre espace se prépare : vos réservations apparaîtront ici dans "
                      "quelques instants. Rechargez la page un peu plus tard."),
    },
    "en": {
        "title": "My bookings",
        "hello": "Hello {name}",
        "hello_anonymous": "Hello",
        "lead": "Your desk and room bookings in the telecentres of the Gers.",
        "village": "Your village: {village}.",
        "coming": "Coming bookings",
        "none_coming": "No bookings to come.",
        "place": "Place",
        "desk": "Desk or room",
        "when": "Date",
        "hours": "Time",
        "checked_in": "checked in",
        "past": {0: "No past bookings.", 1: "1 past booking.", "many": "{n} past bookings."},
        "feed": "In your calendar",
        "feed_help": ("Subscribe your calendar (Google Calendar, Outlook, Calendar…) to this "
                      "link to see your bookings there. It is yours alone: do not share it."),
        "feed_link": "Subscription link to my bookings (iCalendar)",
        "not_known": ("Your space is being prepared: your bookings will show here in a "
                      "moment. Reload the page a little later."),
    },
}


def past_count(lang: str, n: int) -> str:
    forms = TEXTS[lang]["past"]
    return forms[n] if n in forms else forms["many"].format(n=n)
