"""The staff's delivery log, /staff/deliveries/: what needs attention first (failed, then
waiting, then sent), filtered by status and message, 50 a page (keyset); one message,
/staff/deliveries/{id}, with its headers, its content and the form that sends a failed one
again (the API's use case). Staff only; an unknown or malformed id is the 404 page."""

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.http.deps import DbPool, Settings
from shared.web.access import not_found_page
from shared.web.language import page_language

from ..adapters.templating import CATALOG
from ..domain import log_cursor
from ..use_cases import delivery_log
from ..use_cases.errors import Conflict, NotFound
from .deliveries_texts import STATUSES, TEXTS, template_label
from .delivery_view import line, message
from .staff_pages import LOG, PAGES, framed_email, opened, parsed_id, see_other, staff_only

PAGE_SIZE = 50
FILTER_STATUSES = ("failed", "pending", "sending", "sent", "suppressed")

router = APIRouter(prefix="/staff/deliveries", tags=["staff pages: deliveries"],
                   include_in_schema=False)


def _address(filters: dict[str, str], after: str | None = None) -> str:
    query = {k: v for k, v in filters.items() if v} | ({"after": after} if after else {})
    return LOG + (f"?{urlencode(query)}" if query else "")


@router.get("/", response_class=HTMLResponse)
async def delivery_log_page(request: Request, pool: DbPool, status: str = "",
                            template: str = "", prospect: str = "",
                            after: str = "") -> Response:
    """The log, failures first; a GET form filters it; each page a link."""
    who = staff_only(request)
    if isinstance(who, Response):
        return who
    lang = page_language(request)
    t = TEXTS[lang]
    status, template = status.strip()[:20], template.strip()[:100]
    errors = [(field, t[message_key]) for field, value, known, message_key in (
        ("status", status, FILTER_STATUSES, "bad_status"),
        ("template", template, CATALOG, "bad_template")) if value and value not in known]
    prospect_id = parsed_id(prospect) if prospect else None
    if prospect and prospect_id is None:
        return not_found_page(request, PAGES, who)
    notice, place = None, None
    if after:
        try:
            place = log_cursor.decode(after[:200], ranked=True)
        except ValueError:
            notice = t["bad_cursor"]
    rows, more = [], False
    if not errors:
        rows, more = await delivery_log.attention_page(
            pool, status=status or None, template=template or None, prospect_id=prospect_id,
            after=place, limit=PAGE_SIZE)
    asked = {"lang": request.query_params.get("lang", "")}
    filters = {"status": status, "template": template, "prospect": prospect} | asked
    next_url = _address(filters, log_cursor.encode(log_cursor.place_of(rows[-1], ranked=True))
                        ) if more else None
    return PAGES.render(
        request, "staff_deliveries.html", principal=who, texts=TEXTS, lang=lang,
        status_code=422 if errors else 200, errors=errors, by_field=dict(errors),
        notice=notice, lines=[line(r, lang) for r in rows], next_url=next_url,
        first_url=_address(filters) if place else None, chosen_status=status,
        chosen_template=template,
        prospect=prospect_id, filtered=bool(status or template or prospect_id),
        clear_url=_address(asked),
        statuses=[(s, STATUSES[lang][s]) for s in FILTER_STATUSES],
        templates=sorted(((n, template_label(n, lang)) for n in CATALOG),
                         key=lambda item: item[1]))


async def _message_page(request: Request, pool, settings, who, notification_id, *,
                        status_code: int = 200, problem: str | None = None,
                        done: str | None = None) -> Response:
    try:
        row = await delivery_log.message(pool, notification_id)
    except NotFound:
        return not_found_page(request, PAGES, who)
    lang = page_language(request)
    return PAGES.render(request, "staff_delivery.html", principal=who, texts=TEXTS,
                        lang=lang, status_code=status_code, d=message(row, lang, settings),
                        problem=problem,
                        done=TEXTS[lang]["resent"] if done == "resent" else None)


@router.get("/{notification_id}", response_class=HTMLResponse)
async def delivery_page(notification_id: str, request: Request, pool: DbPool,
                        settings: Settings, done: str | None = None) -> Response:
    """One message: headers, subject, text, HTML (in a sandboxed frame), attempts, error."""
    found = opened(request, notification_id)
    if isinstance(found, Response):
        return found
    who, parsed = found
    return await _message_page(request, pool, settings, who, parsed, done=done)


@router.get("/{notification_id}/body.html", response_class=HTMLResponse)
async def delivery_html(notification_id: str, request: Request, pool: DbPool) -> Response:
    """The message's HTML alone, for the sandboxed frame of its page (its own strict CSP)."""
    found = opened(request, notification_id)
    if isinstance(found, Response):
        return found
    who, parsed = found
    try:
        row = await delivery_log.message(pool, parsed)
    except NotFound:
        return not_found_page(request, PAGES, who)
    if not row["body_html"]:
        return not_found_page(request, PAGES, who)
    return framed_email(row["body_html"])


@router.post("/{notification_id}/resend", response_class=HTMLResponse)
async def resend(notification_id: str, request: Request, pool: DbPool,
                 settings: Settings) -> Response:
    """Send a failed message again (POST /api/notifications/{id}/resend's use case); a
    message that has not failed, or whose content was erased: the 409 page."""
    found = opened(request, notification_id)
    if isinstance(found, Response):
        return found
    who, parsed = found
    try:
        await delivery_log.resend(pool, parsed)
    except NotFound:
        return not_found_page(request, PAGES, who)
    except Conflict as refusal:
        return await _message_page(request, pool, settings, who, parsed, status_code=409,
                                   problem=refusal.reason)
    return see_other(f"{LOG}{parsed}?done=resent#status")
