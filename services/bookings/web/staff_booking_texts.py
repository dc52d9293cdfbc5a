"""The words of the staff's pages booking a desk for a member, French first."""

TEXTS = {
    "fr": {
        "members": "Membres",
        "member_bookings": "Réservations du membre",
        "title": "Réserver un poste pour ce membre",
        "lead": ("La réservation sera celle du membre, même s'il n'a pas encore de compte : "
                 "il reçoit la confirmation par courriel, avec l'événement d'agenda. "
                 "Choisissez un lieu, puis un créneau libre."),
        "member_id": "Identifiant du membre", "village": "Village",
        "places_caption": "Télécentres et espaces de coworking",
        "place": "Lieu", "resources": "Postes et salles",
        "see_week": "Voir les créneaux libres",
        "no_places": "Aucun lieu à réserver pour le moment.",
        "week_title": "{name} : réserver pour un membre",
        "for_member": "Pour le membre {member}, de {village}.",
        "booked_by_staff": "Réservé par l'équipe",
        "done_booked": "Réservé pour le membre : {desk}, {place}, {day}, {hours}.",
        "done_booked_short": "Réservé pour le membre.",
        "done_cancelled": "Réservation annulée : le créneau est libéré et le membre prévenu.",
        "cancel": "Annuler",
        "actions": "Actions",
        "cancel_refused": "Rien n'a été annulé : {why}",
        "back_to_member": "Revenir aux réservations du membre",
        "taken": ("{desk} a été réservé par quelqu'un d'autre pendant que vous choisissiez : "
                  "rien n'a été réservé pour le membre."),
    },
    "en": {
        "members": "Members",
        "member_bookings": "The member's bookings",
        "title": "Book a desk for this member",
        "lead": ("The booking will be the member's, even if they have no account yet: they "
                 "get the confirmation by email, with the calendar event. Choose a place, "
                 "then a free slot."),
        "member_id": "Member id", "village": "Village",
        "places_caption": "Telecentres and coworking spaces",
        "place": "Place", "resources": "Desks and rooms",
        "see_week": "See the free slots",
        "no_places": "No place to book for now.",
        "week_title": "{name}: booking for a member",
        "for_member": "For member {member}, of {village}.",
        "booked_by_staff": "Booked by staff",
        "done_booked": "Booked for the member: {desk}, {place}, {day}, {hours}.",
        "done_booked_short": "Booked for the member.",
        "done_cancelled": "Booking cancelled: the slot is free again and the member told.",
        "cancel": "Cancel",
        "actions": "Actions",
        "cancel_refused": "Nothing was cancelled: {why}",
        "back_to_member": "Back to the member's bookings",
        "taken": ("{desk} was booked by someone else while you were choosing: nothing was "
                  "booked for the member."),
    },
}
