"""The telecentres and coworking spaces on the public site, for everyone (no sign-in: the
front door routes /telecentres and /telecentres/* here with no session check):

GET /telecentres                    every place on the map of the Gers and in a list
GET /telecentres/{id}               a place's page: address, opening hours, closures to
                                    come, desks and rooms, how to book
GET /telecentres/near/{insee_code}  the places nearest to a commune of the Gers; with
                                    HX-Request only the list (a village's public page
                                    loads it), else a small page

French by default, `?lang=en` English. No person's details and no bookings are shown. An
unknown or malformed id, or a code that is no commune of the Gers: the 404 page."""

from collections import Counter
from datetime import date
from urllib.parse import urlencode

from babel import dates
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.http.deps import DbPool
from shared.reference.calendar import PARIS
from shared.web.access import not_found_page
from shared.web.formats import LOCALES, plural
from shared.web.gers_map import gers_map
from shared.web.language import asked_language, page_language

from ..domain.public_places import opening_runs
from ..use_cases.errors import NotFound
from ..use_cases.public_places import nearest_places, public_place, public_places
from .staff_pages import PAGES, now, parsed_id
from .telecentre_texts import KINDS, MODES, RESOURCE_KINDS, named
from .public_texts import TEXTS

router = APIRouter(prefix="/telecentres", tags=["public site: telecentres"],
                   include_in_schema=False)
KIND_ORDER = ("hot_desk", "private_office", "meeting_room")
INSEE_LENGTH = 5


class Words:
    """The words a public page needs, in its language (Babel's day names and hours)."""

    def __init__(self, lang: str) -> None:
        self.lang, self.t, self.locale = lang, TEXTS[lang], LOCALES[lang]

    def kind(self, code: str) -> str:
        return named(KINDS, code, self.lang)

    def resource_kind(self, code: str) -> str:
        return named(RESOURCE_KINDS, code, self.lang)

    def mode(self, code: str) -> str:
        return named(MODES, code, self.lang)

    def people(self, n: int) -> str:
        return plural(n, *self.t["people"])

    def day(self, weekday: int, width: str = "wide") -> str:
        return dates.get_day_names(width, locale=self.locale)[weekday]

    def hours(self, opens, closes) -> str:
        """"08:30–18:30" as the language writes an interval of hours."""
        return dates.format_interval(opens, closes, "Hm", locale=self.locale)

    def resources(self, desks) -> str:
        """"4 postes · 1 salle de réunion": active desks (offices count) and rooms."""
        counts = Counter("room" if d["kind"] == "meeting_room" else "desk"
                         for d in desks if d["active"])
        said = [plural(counts[k], *self.t[k + "s"]) for k in ("desk", "room") if counts[k]]
        return " · ".join(said) or self.t["no_resources"]

    def week(self, hours) -> str:
        """"lun.–ven. 08:30–18:30, sam. 09:00–13:00"."""
        runs = opening_runs(hours)
        if not runs:
            return self.t["closed_all_week"]
        said = []
        for run in runs:
            days = self.day(run.first, "abbreviated")
            if run.last != run.first:
                days += "–" + self.day(run.last, "abbreviated")
            said.append(f"{days} {self.hours(run.opens, run.closes)}")
        return ", ".join(said)


def _query(request: Request) -> str:
    lang = asked_language(request)
    return f"?{urlencode({'lang': lang})}" if lang else ""


def _today(request: Request) -> date:
    return now(request).astimezone(PARIS).date()


@router.get("", response_class=HTMLResponse)
async def places(request: Request, pool: DbPool) -> Response:
    """Every place (ten or so: all on one map, so not paged), numbered alike on the map."""
    rows = await public_places(pool, _today(request))
    drawn = gers_map([p["insee_code"] for p in rows])
    return PAGES.render(request, "public_telecentres.html", principal=None, texts=TEXTS,
                        places=rows, map=drawn, on_map={m.insee_code: m for m in drawn.markers},
                        w=Words(page_language(request)), query=_query(request))


@router.get("/near/{insee_code}", response_class=HTMLResponse)
async def near(insee_code: str, request: Request, pool: DbPool) -> Response:
    """The places nearest to the commune, nearest first, with their distance."""
    fragment = request.headers.get("HX-Request") == "true"
    try:
        if len(insee_code) != INSEE_LENGTH:
            raise NotFound("no such commune", "commune inconnue")
        commune, found = await nearest_places(pool, _today(request), insee_code)
    except NotFound:
        if fragment:
            return PAGES.render(request, "public_nearest_list.html", principal=None,
                                texts=TEXTS, status_code=404, found=None, query="",
                                headers={"Vary": "HX-Request"})
        return not_found_page(request, PAGES, None)
    template = "public_nearest_list.html" if fragment else "public_nearest.html"
    return PAGES.render(request, template, principal=None, texts=TEXTS, commune=commune,
                        found=found, w=Words(page_language(request)), query=_query(request),
                        headers={"Vary": "HX-Request"})


@router.get("/{telecentre_id}", response_class=HTMLResponse)
async def place(telecentre_id: str, request: Request, pool: DbPool) -> Response:
    """A place's public page; an unknown or malformed id: the 404 page."""
    place_id = parsed_id(telecentre_id)
    if place_id is None:
        return not_found_page(request, PAGES, None)
    try:
        found = await public_place(pool, _today(request), place_id)
    except NotFound:
        return not_found_page(request, PAGES, None)
    desks = sorted((d for d in found["desks"] if d["active"]),
                   key=lambda d: (KIND_ORDER.index(d["kind"]) if d["kind"] in KIND_ORDER
                                  else len(KIND_ORDER), d["name"]))
    return PAGES.render(request, "public_telecentre.html", principal=None, texts=TEXTS,
                        place=found, desks=desks,
                        hours={h["weekday"]: h for h in found["hours"]},
                        w=Words(page_language(request)), query=_query(request))
