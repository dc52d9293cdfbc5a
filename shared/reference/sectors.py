"""The lines of work the programme records (the form's "sector", the events' `sector`),
with the names people read, in French and English."""

SECTORS: dict[str, tuple[str, str]] = {  # code: (French, English)
    "digital": ("Numérique, informatique", "Digital, IT"),
    "consulting": ("Conseil, gestion", "Consulting, management"),
    "creative": ("Création, communication, médias", "Creative work, media"),
    "education": ("Formation, enseignement", "Training, teaching"),
    "health": ("Santé, bien-être", "Health, wellbeing"),
    "engineering": ("Ingénierie, recherche", "Engineering, research"),
    "finance": ("Finance, comptabilité, droit", "Finance, accounting, law"),
    "commerce": ("Commerce, vente en ligne", "Retail, online sales"),
    "crafts": ("Artisanat", "Crafts"),
    "agriculture": ("Agriculture, alimentation", "Farming, food"),
    "tourism": ("Tourisme, culture", "Tourism, culture"),
    "other": ("Autre", "Other"),
}


def sector_name(code: str | None, locale: str) -> str | None:
    """The sector's name in `locale` ("fr" or "en"); an unknown code as it is."""
    if code is None or code not in SECTORS:
        return code
    french, english = SECTORS[code]
    return french if locale == "fr" else english
