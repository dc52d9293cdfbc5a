"""The staff's pipeline board, /staff/prospects/ (behind the front door, which checked the
session and passed on who calls in X-Soho-Identity).

GET  /staff/prospects/               the board: a column per stage, filters as a GET form,
                                     each column keyset-paged by its own `after_<stage>`;
     ?fragment=1&seen=<version>      the board region only, for its 10-second poll (htmx):
                                     204 when nothing changed, so nothing is swapped
POST /staff/prospects/{id}/move      move a card (the stage it was seen at rides along: a
                                     card someone moved meanwhile answers 409, the board
                                     saying so, nothing changed). Without JavaScript: 303
                                     back to the same board; with htmx: the board region.

Routes stay thin: the board is use_cases.board, a move use_cases.pipeline.change_stage
(the same as the JSON API's, with its timeline entry)."""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import TypeAdapter, ValidationError

from shared.auth import Principal, Role
from shared.http.deps import DbPool
from shared.reference.communes import communes
from shared.reference.countries import countries
from shared.reference.sectors import SECTORS
from shared.web.access import page_access
from shared.web.formats import plural
from shared.web.language import page_language
from shared.web.pages import Pages

from ..domain.field_types import Paragraphs
from ..domain.pipeline import StageConflict
from ..domain.reference import communes_alphabetically, countries_by_name
from ..domain.vocabulary import Stage
from ..use_cases import board as board_cases
from ..use_cases import pipeline
from ..use_cases.errors import (BadCursor, ProspectErased, ProspectNotFound,
                                StageMovedMeanwhile)
from .board_texts import TEXTS, stage_heading, stage_name

PAGES = Pages(Path(__file__).parent.parent / "templates")
router = APIRouter(prefix="/staff/prospects", tags=["staff pages"], include_in_schema=False)

BOARD = "/staff/prospects/"
CURSOR = "after_"  # after_<stage>: where that column's page starts
FILTERS = ("assignee", "country", "sector", "village", "from", "to")
MAX_PARAM = 1000
REASON = TypeAdapter(Paragraphs(500))
STAGES = {stage.value for stage in Stage}


@dataclass
class Attempt:
    """A move the board answers with the card again: the stage asked for, the reason
    typed, what went wrong (field id, message)."""

    prospect_id: str
    stage: str
    reason: str = ""
    error: str | None = None
    reason_field: bool = False


@dataclass
class BoardView:
    """The board's filters as asked (to show them again) and as the use case reads them."""

    query: board_cases.BoardQuery
    values: dict[str, str]
    cursors: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)

    def params(self, **cursors: str | None) -> list[tuple[str, str]]:
        """This board's address parameters, with some columns' cursors changed."""
        kept = {**self.cursors, **cursors}
        return ([(k, v) for k, v in self.values.items() if v]
                + [(CURSOR + stage, c) for stage, c in kept.items() if c])

    def href(self, **cursors: str | None) -> str:
        query = urlencode(self.params(**cursors))
        return BOARD + (f"?{query}" if query else "")


def _date(value: str, label: str, t: dict, errors: list, field_id: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append((field_id, t["bad_date"].format(field=label)))
        return None


def read_board(params: list[tuple[str, str]], lang: str) -> BoardView:
    """The filters and cursors of a board address; what does not make sense is dropped,
    with a sentence saying so (the board still shows)."""
    t = TEXTS[lang]
    raw = {k: v.strip() for k, v in params if len(v) <= MAX_PARAM}
    errors: list[tuple[str, str]] = []
    values = {name: raw.get(name, "") for name in FILTERS}

    assignee, unassigned = None, False
    if values["assignee"] == "none":
        unassigned = True
    elif values["assignee"].startswith("to:") and 0 < len(values["assignee"]) - 3 <= 100:
        assignee = values["assignee"][3:]
    elif values["assignee"]:
        errors.append(("filter-assignee", t["bad_filter"].format(field=t["assignee"])))
        values["assignee"] = ""
    for name, known, label in (("country", countries(), t["origin_country"]),
                               ("sector", SECTORS, t["sector"]),
                               ("village", communes(), t["village"])):
        if values[name] and values[name] not in known:
            errors.append((f"filter-{name}", t["bad_filter"].format(field=label)))
            values[name] = ""
    start = _date(values["from"], t["field_from"], t, errors, "filter-from")
    end = _date(values["to"], t["field_to"], t, errors, "filter-to")
    if start and end and start > end:
        errors.append(("filter-from", t["dates_reversed"]))
        start = end = None
    for name, day in (("from", start), ("to", end)):
        if day is None:
            values[name] = ""
    cursors = {}
    for stage in Stage:
        cursor = raw.get(CURSOR + stage.value)
        if not cursor:
            continue
        try:
            board_cases.check_cursor(cursor)
            cursors[stage.value] = cursor
        except BadCursor:  # an old or edited link: that column starts from the top
            errors.append((f"column-{stage.value}", t["bad_cursor"].format(
                stage=stage_heading(stage, lang))))
    query = board_cases.BoardQuery(
        sector=values["sector"] or None, origin_country=values["country"] or None,
        village=values["village"] or None, assigned_to=assignee, unassigned=unassigned,
        first_contact_from=start, first_contact_to=end, cursors=cursors)
    return BoardView(query, values, cursors, errors)


async def _load(pool, view: BoardView) -> board_cases.Board:
    return await board_cases.board(pool, view.query, datetime.now(UTC))


def _context(request: Request, lang: str, view: BoardView, board: board_cases.Board,
             attempt: Attempt | None = None, notice: str | None = None) -> dict:
    t = TEXTS[lang]
    return {
        "texts": {lang: t}, "view": view, "board": board, "attempt": attempt,
        "notice": notice, "errors": view.errors,
        "stage_heading": lambda s: stage_heading(Stage(s), lang),
        "stage_name": lambda s: stage_name(Stage(s), lang),
        "plural": plural,
        "country_name": lambda code: (countries()[code].name(lang)
                                      if code in countries() else code),
        "sector_name": lambda code: (SECTORS[code][0 if lang == "fr" else 1]
                                     if code in SECTORS else code),
        "village_name": lambda code: communes()[code].name if code in communes() else code,
        "countries": countries_by_name(lang), "sectors": SECTORS,
        "villages": communes_alphabetically(),
        "poll_url": BOARD + "?" + urlencode([*view.params(), ("fragment", "1"),
                                             ("seen", board.version)]),
        "back": urlencode(view.params()),
    }


def _render(request: Request, who: Principal, lang: str, view: BoardView,
            board: board_cases.Board, *, fragment: bool, status_code: int = 200,
            attempt: Attempt | None = None, notice: str | None = None) -> HTMLResponse:
    context = _context(request, lang, view, board, attempt, notice)
    texts = context.pop("texts")
    return PAGES.render(request, "board_region.html" if fragment else "board.html",
                        principal=who, texts=texts, lang=lang, status_code=status_code,
                        fragment=fragment, **context)


@router.get("/", response_class=HTMLResponse)
async def board_page(request: Request, pool: DbPool) -> Response:
    """The pipeline board (staff; French, `?lang=en` English)."""
    who = page_access(request, PAGES, Role.STAFF)
    if isinstance(who, Response):
        return who
    lang = page_language(request)
    view = read_board(list(request.query_params.multi_items()), lang)
    board = await _load(pool, view)
    fragment = request.query_params.get("fragment") == "1"
    if fragment and request.query_params.get("seen") == board.version:
        return Response(status_code=204, headers={"Cache-Control": "no-store"})
    moved = request.query_params.get("moved")
    notice = (TEXTS[lang]["moved_anonymous"].format(stage=stage_heading(Stage(moved), lang))
              if moved in STAGES else None)
    return _render(request, who, lang, view, board, fragment=fragment, notice=notice,
                   status_code=422 if view.errors and not fragment else 200)


@router.post("/{prospect_id}/move", response_class=HTMLResponse)
async def move_card(request: Request, prospect_id: str, pool: DbPool) -> Response:
    """Move a card: `stage` (where to), `seen_stage` (where the card was), `reason` (for
    lost), `back` (the board's address parameters, to come back to the same board)."""
    who = page_access(request, PAGES, Role.STAFF)
    if isinstance(who, Response):
        return who
    lang = page_language(request)
    t = TEXTS[lang]
    form = {k: v for k, v in (await request.form()).multi_items() if isinstance(v, str)}
    view = read_board(parse_qsl(form.get("back", "")[:4000]), lang)
    view.errors.clear()  # the board's own filter errors were shown already
    htmx = request.headers.get("HX-Request") == "true"
    target, seen = form.get("stage", ""), form.get("seen_stage", "")
    attempt = Attempt(str(prospect_id), target, form.get("reason", "")[:600])

    async def answer(status_code: int, error: str, *, reason_field: bool = False) -> Response:
        attempt.error, attempt.reason_field = error, reason_field
        card = attempt.prospect_id
        field_id = f"reason-{card}" if reason_field else f"move-{card}"
        view.errors.append((field_id, error))
        board = await _load(pool, view)
        return _render(request, who, lang, view, board, fragment=htmx, attempt=attempt,
                       status_code=status_code)

    try:
        prospect_id = uuid.UUID(prospect_id)  # anything else: nobody, as a page (404)
    except ValueError:
        prospect_id = None
    name = await board_cases.prospect_name(pool, prospect_id) if prospect_id else None
    if name is None:
        return await answer(404, t["gone"])
    if target not in STAGES or seen not in STAGES:
        return await answer(422, t["bad_filter"].format(field=t["move_to"]))
    reason = None
    if target == Stage.LOST:
        if not attempt.reason.strip():
            return await answer(422, t["reason_missing"].format(name=name), reason_field=True)
        try:
            reason = REASON.validate_python(attempt.reason)
        except ValidationError:
            return await answer(422, t["reason_invalid"], reason_field=True)
    try:
        await pipeline.change_stage(pool, prospect_id, Stage(target), reason, who.sub,
                                    datetime.now(UTC), seen=Stage(seen))
    except StageMovedMeanwhile as moved:
        return await answer(409, t["stale"].format(
            name=name, stage=stage_heading(Stage(moved.current), lang)))
    except StageConflict:
        return await answer(409, t["not_allowed"].format(
            name=name, current=stage_name(Stage(seen), lang),
            target=stage_name(Stage(target), lang)))
    except (ProspectNotFound, ProspectErased):
        return await answer(404, t["gone"])
    notice = t["moved"].format(name=name, stage=stage_heading(Stage(target), lang))
    if htmx:
        board = await _load(pool, view)
        return _render(request, who, lang, view, board, fragment=True, notice=notice)
    return RedirectResponse(view.href() + ("&" if view.params() else "?")
                            + urlencode({"moved": target}), status_code=303)
