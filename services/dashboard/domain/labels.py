"""The words of the dashboard, French first, English too."""

from shared.reference.countries import countries

LANGS = ("fr", "en")

# Key figures: (French, English), in the order the page and the export show them.
FIGURES: dict[str, tuple[str, str]] = {
    "contacts": ("Contacts reçus", "Contacts received"),
    "prospects": ("Personnes en contact", "People in touch"),
    "qualified": ("Projets qualifiés", "Qualified projects"),
    "conversion_rate": ("Taux de qualification", "Qualification rate"),
    "installed_solos": ("Solos installés", "Solos installed"),
    "new_inhabitants": ("Nouveaux habitants", "New inhabitants"),
    "villages_with_solos": ("Villages accueillant des solos", "Villages with solos"),
    "members": ("Membres du réseau", "Network members"),
    "members_booking": ("Membres ayant réservé", "Members who booked"),
    "bookings": ("Réservations de postes", "Desk bookings"),
    "bookings_made": ("Réservations faites", "Bookings made"),
    "bookings_cancelled": ("Réservations annulées", "Bookings cancelled"),
    "desk_hours": ("Heures de poste réservées", "Desk hours booked"),
    "telecentres_used": ("Télécentres utilisés", "Telecentres used"),
    "qualified_to_installed": ("Projets qualifiés installés", "Qualified projects installed"),
    "contacted_to_installed": ("Contacts devenus installations", "Contacts who moved in"),
    "retention_due": ("Solos installés depuis 12 mois ou plus", "Solos installed 12+ months ago"),
    "retention_active": ("… actifs après 12 mois (réservation)",
                         "… active after 12 months (booking)"),
    "retention_rate": ("Taux d'activité à 12 mois", "Activity rate at 12 months"),
    "retention_followed_up": ("… suivis à 12 mois", "… followed up at 12 months"),
    "retention_still_here": ("… toujours là au suivi à 12 mois",
                             "… still here at the 12-month follow-up"),
    "retention_still_here_rate": ("Taux de maintien à 12 mois (suivis)",
                                  "Retention rate at 12 months (follow-ups)"),
    "erased_people": ("Personnes effacées (RGPD)", "People erased (GDPR)"),
}

SECTORS: dict[str, tuple[str, str]] = {
    "digital": ("numérique", "digital"), "consulting": ("conseil", "consulting"),
    "creative": ("création", "creative"), "education": ("éducation", "education"),
    "health": ("santé", "health"), "engineering": ("ingénierie", "engineering"),
    "finance": ("finance", "finance"), "commerce": ("commerce", "commerce"),
    "crafts": ("artisanat", "crafts"), "agriculture": ("agriculture", "agriculture"),
    "tourism": ("tourisme", "tourism"), "other": ("autre", "other"),
    "unknown": ("non précisé", "not given"),
}

# Countries are named from shared.reference.countries (every ISO 3166-1 code); this is the
# one the records may lack.
NO_COUNTRY = ("non précisé", "not given")

CHANNELS: dict[str, tuple[str, str]] = {
    "web": ("formulaire web", "web form"), "phone": ("téléphone", "phone"),
    "email": ("e-mail", "email"), "event": ("salon ou réunion", "fair or meeting"),
    "webhook": ("webhook", "webhook"), "unknown": ("non précisé", "not given"),
}

CANCEL_REASONS: dict[str, tuple[str, str]] = {
    "member": ("par le membre", "by the member"), "staff": ("par l'équipe", "by staff"),
    "no_show": ("absence", "no-show"), "erasure": ("effacement", "erasure"),
}

EVENT_TYPES: dict[str, tuple[str, str]] = {
    "contact.received": ("Nouveau contact", "New contact"),
    "prospect.qualified": ("Projet qualifié", "Project qualified"),
    "prospect.erased": ("Données d'une personne effacées", "A person's data erased"),
    "solo.installed": ("Installation", "Installation"),
    "member.followed_up": ("Suivi d'un foyer installé", "Follow-up of a household"),
    "desk.booked": ("Poste réservé", "Desk booked"),
    "booking.cancelled": ("Réservation annulée", "Booking cancelled"),
    "notification.sent": ("Message envoyé", "Message sent"),
    "notification.failed": ("Échec d'envoi", "Message failed"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def word(table: dict[str, tuple[str, str]], key: str | None, lang: str) -> str:
    """The label of `key` in `table`, or the key itself when it has none."""
    key = key or "unknown"
    return pick(table[key], lang) if key in table else key


def country(code: str, lang: str) -> str:
    """The country's name in `lang`; an unknown code as it is."""
    if code in (None, "unknown"):
        return pick(NO_COUNTRY, lang)
    known = countries().get(code)
    return known.name(lang) if known else code


def lang_of(requested: str | None) -> str:
    return "en" if requested == "en" else "fr"


# The page's own words.
TEXT: dict[str, tuple[str, str]] = {
    "title": ("Soho Solo — tableau de bord", "Soho Solo — dashboard"),
    "staff_title": ("Chiffres clés", "Key figures"),
    "tagline": ("Les chiffres clés du programme, en direct",
                "The programme's key figures, live"),
    "signin_title": ("Connexion de l'équipe", "Staff sign-in"),
    "signin_help": ("Collez votre jeton d'équipe (obtenu avec « soho token --role staff »).",
                    "Paste your staff token (from “soho token --role staff”)."),
    "token": ("Jeton d'équipe", "Staff token"),
    "signin": ("Se connecter", "Sign in"),
    "signout": ("Se déconnecter", "Sign out"),
    "bad_token": ("Ce jeton n'est pas valable ou a expiré.",
                  "This token is not valid or has expired."),
    "not_staff": ("Ce jeton n'est pas un jeton d'équipe.", "This is not a staff token."),
    "missing_token": ("Collez un jeton pour vous connecter.", "Paste a token to sign in."),
    "export": ("Exporter les chiffres clés (CSV)", "Export the key figures (CSV)"),
    "as_of": ("Chiffres au", "Figures as of"),
    "last_event": ("dernier événement", "latest event"),
    "funnel": ("Du contact à l'installation", "From contact to installation"),
    "funnel_contacted": ("En contact", "In touch"),
    "funnel_qualified": ("Qualifiés", "Qualified"),
    "funnel_installed": ("Installés", "Installed"),
    "per_year": ("Installations par année", "Installations per year"),
    "solo": ("solo", "solo"),
    "solos": ("solos", "solos"),
    "inhabitant": ("habitant", "inhabitant"),
    "inhabitants": ("habitants", "inhabitants"),
    "solos_header": ("Solos", "Solos"),
    "inhabitants_header": ("Habitants", "Inhabitants"),
    "map": ("Villages accueillant des solos", "Villages with solos"),
    "map_help": ("Chaque point est une commune du Gers ; les cercles, les villages où des "
                 "solos se sont installés.", "Each dot is a commune of the Gers; circles are "
                 "the villages where solos moved in."),
    "village": ("Village", "Village"),
    "origins": ("Pays d'origine", "Countries of origin"),
    "sectors": ("Secteurs d'activité", "Sectors"),
    "country": ("Pays", "Country"),
    "sector": ("Secteur", "Sector"),
    "in_touch": ("En contact", "In touch"),
    "qualified": ("Qualifiés", "Qualified"),
    "installed": ("Installés", "Installed"),
    "weeks": ("Réservations de postes par semaine", "Desk bookings per week"),
    "week": ("Semaine", "Week"),
    "made": ("Faites", "Made"),
    "cancelled": ("Annulées", "Cancelled"),
    "standing": ("Maintenues", "Standing"),
    "hours": ("Heures", "Hours"),
    "telecentres": ("Occupation des télécentres", "Telecentre occupancy"),
    "telecentre": ("Télécentre", "Telecentre"),
    "desks_used": ("Postes utilisés", "Desks used"),
    "retention": ("Toujours là après 12 mois ?", "Still here after 12 months?"),
    "retention_help": (
        "Le suivi à 12 mois enregistré par l'accompagnement dit si le foyer est toujours là "
        "(la dernière réponse compte) ; une réservation de poste au moins 12 mois après "
        "l'installation en est un signe minimum.",
        "The 12-month follow-up recorded by onboarding says whether the household is still "
        "here (the latest answer counts); a desk booking at least 12 months after moving in "
        "is a lower bound."),
    "follow_ups": ("Suivis à 1, 6 et 12 mois", "Follow-ups at 1, 6 and 12 months"),
    "milestone": ("Suivi", "Follow-up"),
    "due": ("Échus", "Due"),
    "followed_up": ("Suivis", "Followed up"),
    "still_here": ("Toujours là", "Still here"),
    "months_short": ("mois", "months"),
    "messages": ("Réseau et messages", "Network and messages"),
    "messages_sent": ("Messages envoyés", "Messages sent"),
    "messages_failed": ("Messages en échec", "Messages failed"),
    "feed": ("En direct", "Live"),
    "feed_empty": ("Aucun événement pour l'instant.", "No events yet."),
    "live_connecting": ("connexion…", "connecting…"),
    "live_ready": ("en direct", "live"),
    "live_waiting": ("reconnexion…", "reconnecting…"),
    "live_off": ("Le fil en direct demande JavaScript ; rechargez la page pour les "
                 "derniers chiffres.", "The live feed needs JavaScript; reload the page "
                 "for the latest figures."),
    "nothing_yet": ("Rien pour l'instant.", "Nothing yet."),
    "other_lang": ("English", "Français"),
}


def texts(lang: str) -> dict[str, str]:
    return {key: pick(pair, lang) for key, pair in TEXT.items()}


def figure_labels(lang: str) -> dict[str, str]:
    return {key: pick(pair, lang) for key, pair in FIGURES.items()}
