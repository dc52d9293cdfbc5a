"""The words of the staff's view of a member's bookings, French first."""

STATUSES = {"booked": ("Réservée", "Booked"),
            "checked_in": ("Présence enregistrée", "Checked in"),
            "cancelled": ("Annulée", "Cancelled"),
            "no_show": ("Absence (non venu)", "No-show")}
CANCELLED_BY = {"member": ("par le membre", "by the member"),
                "staff": ("par l'équipe", "by staff"),
                "erasure": ("données effacées", "data erased")}

TEXTS = {
    "fr": {
        "title": "Réservations d'un membre",
        "breadcrumb": "Membres",
        "member_id": "Identifiant du membre",
        "village": "Village", "installed_on": "Installé le", "no_shows": "Absences",
        "section": "Réservations de postes et de salles",
        "coming": "Réservations à venir",
        "coming_caption": "Réservations à venir, la plus proche d'abord",
        "past": "Réservations passées",
        "past_caption": "Réservations passées, la plus récente d'abord",
        "none_coming": "Aucune réservation à venir.",
        "none_past": "Aucune réservation passée.",
        "when": "Date et horaire", "place": "Lieu et poste",
        "status": "Statut",
        "more_coming": "Réservations à venir suivantes",
        "more_past": "Réservations passées plus anciennes",
        "from_start": "Revenir aux premières",
        "book_for_member": "Réserver un poste pour ce membre",
        "booked_by_staff": "réservé par l'équipe", "cancel": "Annuler",
        "unknown": ("Aucune réservation : le service des réservations ne connaît pas encore ce "
                    "membre (il l'apprend quelques instants après l'installation)."),
    },
    "en": {
        "title": "A member's bookings",
        "breadcrumb": "Members",
        "member_id": "Member id",
        "village": "Village", "installed_on": "Installed on", "no_shows": "No-shows",
        "section": "Desk and room bookings",
        "coming": "Coming bookings",
        "coming_caption": "Coming bookings, soonest first",
        "past": "Past bookings",
        "past_caption": "Past bookings, latest first",
        "none_coming": "No bookings to come.",
        "none_past": "No past bookings.",
        "when": "Date and time", "place": "Place and desk",
        "status": "Status",
        "more_coming": "Later coming bookings",
        "more_past": "Older past bookings",
        "from_start": "Back to the first ones",
        "book_for_member": "Book a desk for this member",
        "booked_by_staff": "booked by staff", "cancel": "Cancel",
        "unknown": ("No bookings: the bookings service does not know this member yet (it "
                    "learns of them moments after their installation)."),
    },
}


def status_text(row, lang: str) -> str:
    i = 1 if lang == "en" else 0
    text = STATUSES.get(row["status"], (row["status"],) * 2)[i]
    reason = row["release_reason"]
    if row["status"] == "cancelled" and reason in CANCELLED_BY:
        text += f" ({CANCELLED_BY[reason][i]})"
    return text
