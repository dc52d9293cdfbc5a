"""GET / (the programme's presentation and the form), POST / (send it), GET /confirmation
(what everyone who sent it sees, bots included)."""

from datetime import UTC, datetime, timedelta
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse

from shared.http.deps import DbPool, Settings
from shared.web.language import page_language

from ..adapters.rate_limit import AddressRateLimit, client_address, contact_rate_limit
from ..use_cases import intake
from .form_guard import HONEYPOT_FIELD, TOKEN_FIELD, issue_token, looks_like_a_bot, read_token
from .forms import NUMBER_FIELDS, TEXT_FIELDS, VILLAGE_FIELDS, read_submission
from .pages import confirmation_page, form_page, pick_locale
from .wording import TEXT

router = APIRouter(tags=["web form"])

Lang = Annotated[str | None, Query(max_length=5, description="fr (default) or en")]

_FORM_FIELDS = [*TEXT_FIELDS, *NUMBER_FIELDS, *VILLAGE_FIELDS, "consent", "consent_version",
                "lang", TOKEN_FIELD, HONEYPOT_FIELD]
FORM_BODY = {"requestBody": {"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": {
        "type": "object", "properties": {name: {"type": "string"} for name in _FORM_FIELDS}}}}}}


@router.get("/", response_class=HTMLResponse,
            summary="The programme's presentation, its key figures and the contact form "
                    "(French; ?lang=en or the soho_lang cookie: English)")
async def show_form(request: Request, settings: Settings, lang: Lang = None) -> HTMLResponse:
    return form_page(request, page_language(request), issue_token(settings.secret))


def _confirmation(locale: str) -> RedirectResponse:
    # Post/redirect/get: reloading the confirmation never sends the form again.
    return RedirectResponse(f"/confirmation?lang={locale}", status.HTTP_303_SEE_OTHER)


@router.post("/", response_class=HTMLResponse, openapi_extra=FORM_BODY,
             responses={303: {"description": "Sent: see the confirmation"},
                        413: {"description": "Too large to read: the form again, saying so"},
                        422: {"description": "The form again, each problem explained"},
                        429: {"description": "Too many requests from this address"}},
             summary="Send the contact form")
async def send_form(request: Request, pool: DbPool, settings: Settings,
                    limiter: Annotated[AddressRateLimit, Depends(contact_rate_limit)],
                    lang: Lang = None):
    fields = {k: v for k, v in (await request.form()).multi_items() if isinstance(v, str)}
    locale = pick_locale(fields.get("lang") or lang)
    if looks_like_a_bot(fields, settings.secret, settings.form_min_seconds):
        return _confirmation(locale)  # exactly what a person gets: no hint
    token = fields[TOKEN_FIELD]
    address = client_address(request)
    submission = read_submission(fields, locale)
    if not await limiter.admit(address):
        wait = await limiter.retry_after(address)
        notice = TEXT[locale]["too_many"].format(minutes=max(1, round(wait / 60)))
        submission.errors.clear()
        return form_page(request, locale, token, submission, notice=notice,
                         status_code=status.HTTP_429_TOO_MANY_REQUESTS,
                         headers={"Retry-After": str(wait)})
    if submission.contact is None:
        return form_page(request, locale, token, submission,
                         status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    origin = intake.Origin("web", "web_form")
    # A double click or a reload sends the same form twice: one contact. The same form sent
    # again after an edit is a new contact.
    digest = intake.request_hash(submission.contact, origin).hex()[:32]
    nonce = read_token(settings.secret, token).nonce
    await intake.record_contact(
        pool, submission.contact, origin, now=datetime.now(UTC),
        retry=intake.Retry("form", f"{nonce}:{digest}",
                           timedelta(days=settings.idempotency_days)))
    return _confirmation(locale)


def too_large_page(scope) -> HTMLResponse | None:
    """A form over the body limit (a huge paste) cannot be read: the form again, empty, in
    the page's language (its action carries ?lang=), saying why. Other routes: JSON."""
    if scope["method"] != "POST" or scope["path"] != "/":
        return None
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    locale = pick_locale(next(iter(query.get("lang", [])), None))
    token = issue_token(scope["app"].state.settings.secret)
    return form_page(Request(scope), locale, token, notice=TEXT[locale]["too_large"],
                     status_code=status.HTTP_413_CONTENT_TOO_LARGE)


@router.get("/confirmation", response_class=HTMLResponse, summary="Thank you page")
async def confirmation(request: Request, lang: Lang = None) -> HTMLResponse:
    return confirmation_page(request, page_language(request))
