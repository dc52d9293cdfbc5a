"""A prospect as the file page shows it: codes turned into names in the page's language
(countries, communes, sectors, stages), the timeline newest first with what each contact
said, the score's reasons in words."""

from shared.reference.communes import communes
from shared.reference.countries import countries

from ..domain.pipeline import manual_moves
from ..domain.vocabulary import Stage
from .prospect_file_texts import (CHANNELS, LANGUAGES, SOURCES, TEXTS, VIABILITIES,
                                  horizon_name, named, sector_name, stage_name)
from .wording import LABELS

# What a contact carried, in the order shown (consent and language are shown apart).
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone", "origin_city",
                  "origin_country", "profession", "sector", "household_adults",
                  "household_children", "household_size", "desired_villages", "move_horizon")
SYSTEM_ACTORS = {"web_form": ("formulaire web", "web form"), "api": ("API", "API"),
                 "onboarding": ("accompagnement", "onboarding"),
                 "retention": ("durée de conservation", "retention period")}
FACTORS = {
    "fr": {"remote_work_viability": "Activité depuis un village : {viability}",
           "move_horizon": "Horizon : {horizon}",
           "target_villages": "Villages retenus : {villages}",
           "children": "Enfants dans le foyer : {children}",
           "adults": "Adultes dans le foyer : {adults}"},
    "en": {"remote_work_viability": "Work from a village: {viability}",
           "move_horizon": "Horizon: {horizon}",
           "target_villages": "Villages agreed: {villages}",
           "children": "Children in the household: {children}",
           "adults": "Adults in the household: {adults}"},
}


def village_name(code: str) -> str:
    commune = communes().get(code)
    return commune.name if commune else code


def country_name(code: str | None, lang: str) -> str:
    if not code:
        return ""
    country = countries().get(code)
    return country.name(lang) if country else code


def actor_name(actor: str, lang: str) -> str:
    return named(SYSTEM_ACTORS, actor, lang)


def _contact_fields(submitted: dict | None, lang: str) -> list[tuple[str, str]]:
    if not submitted:
        return []
    labels = LABELS[lang] | {"household_size": TEXTS[lang]["household_size"],
                             "desired_villages": TEXTS[lang]["desired_villages"],
                             "move_horizon": TEXTS[lang]["horizon"]}
    shown = []
    for name in CONTACT_FIELDS:
        value = submitted.get(name)
        if value in (None, "", []):
            continue
        if name == "origin_country":
            value = country_name(value, lang)
        elif name == "sector":
            value = sector_name(value, lang)
        elif name == "move_horizon":
            value = horizon_name(value, lang)
        elif name == "desired_villages":
            value = ", ".join(village_name(c) for c in value)
        shown.append((labels[name], str(value)))
    return shown


def _entry(entry: dict, contacts: dict, lang: str) -> dict:
    t = TEXTS[lang]
    details, kind = entry["details"], entry["kind"]
    view = {"at": entry["at"], "kind": kind, "actor": actor_name(entry["actor"], lang),
            "text": None, "fields": []}
    words = t["kinds"].get(kind, kind)
    if kind == "contact":
        contact = contacts.get(str(details.get("contact_id")), {})
        view["title"] = words.format(channel=named(CHANNELS, details.get("channel"), lang))
        submitted = contact.get("submitted")
        view["text"] = (submitted or {}).get("message")
        view["fields"] = _contact_fields(submitted, lang)
    elif kind == "note":
        view["title"] = words
        view["text"] = details.get("text")
    elif kind == "assignment":
        view["title"] = words.format(from_=details.get("from") or t["nobody"],
                                     to=details.get("to") or t["nobody"])
    elif kind == "stage":
        view["title"] = words.format(from_=stage_name(details.get("from", ""), lang),
                                     to=stage_name(details.get("to", ""), lang))
        view["text"] = details.get("reason")
    elif kind == "qualification":
        view["title"] = words.format(score=details.get("score", ""))
    elif kind == "installed":
        village = details.get("village") or {}
        view["title"] = words.format(
            village=village.get("name") or village_name(village.get("insee_code", "")))
    else:
        view["title"] = words
    return view


def _reasons(qualification: dict, lang: str) -> list[dict]:
    facts = {"viability": named(VIABILITIES, qualification["remote_work_viability"], lang),
             "horizon": horizon_name(qualification["move_horizon"], lang),
             "villages": ", ".join(village_name(c) for c in qualification["target_villages"])
             or "—",
             "children": qualification["household_children"],
             "adults": qualification["household_adults"]}
    return [{"text": FACTORS[lang][r["factor"]].format(**facts)
             if r["factor"] in FACTORS[lang] else r["explanation"], "points": r["points"]}
            for r in qualification["score_reasons"]]


def file_view(detail: dict, lang: str) -> dict:
    """What prospect_file.html shows of reading.prospect_detail's answer."""
    contacts = {str(c["id"]): c for c in detail["contacts"]}
    qualification = detail["qualification"]
    stage = Stage(detail["stage"])
    consent = detail["consent"]
    return {
        **detail,
        "name": f"{detail['first_name']} {detail['last_name']}",
        "stage_name": stage_name(detail["stage"], lang),
        "sector_name": sector_name(detail["sector"], lang),
        "country_name": country_name(detail["origin_country"], lang),
        "language_name": named(LANGUAGES, detail["locale"], lang),
        "horizon_name": horizon_name(detail["move_horizon"], lang),
        "desired_names": [village_name(c) for c in detail["desired_villages"]],
        "target_names": [village_name(c) for c in detail["target_villages"]],
        "consent_source": named(SOURCES, consent["source"], lang),
        "timeline_newest_first": [_entry(e, contacts, lang)
                                  for e in reversed(detail["timeline"])],
        "reasons": _reasons(qualification, lang) if qualification else [],
        "qualified_by_name": actor_name(qualification["qualified_by"], lang)
        if qualification else None,
        "moves": [(s.value, stage_name(s.value, lang)) for s in Stage
                  if s in manual_moves(stage, qualified=qualification is not None)],
        "can_qualify": qualification is None and stage in (Stage.NEW, Stage.CONTACTED),
        "linked": linked_timelines(detail["id"], lang),
    }


def linked_timelines(prospect_id, lang: str) -> list[dict]:
    """The timeline regions other services fill behind the front door (onboarding's case
    steps, notifications' emails sent): each one's address, heading and fallback link."""
    t = TEXTS[lang]
    return [{"id": "installation-case", "url": f"/staff/cases/of-prospect/{prospect_id}",
             "title": t["installation_case"], "link": t["installation_case_link"]},
            {"id": "emails-sent", "url": f"/staff/deliveries/of-prospect/{prospect_id}",
             "title": t["emails_sent"], "link": t["emails_sent_link"]}]


def export_view(export, lang: str) -> dict:
    """What prospect_export.html shows: the file's view, with every contact as received."""
    detail = export.prospect.model_dump()
    view = file_view(detail, lang)
    view["contacts_view"] = [
        {**c, "channel_name": named(CHANNELS, c["channel"], lang),
         "fields": _contact_fields(c["submitted"], lang),
         "message": (c["submitted"] or {}).get("message"),
         "consent_source": named(SOURCES, c["consent"]["source"], lang)}
        for c in detail["contacts"]]
    return view
