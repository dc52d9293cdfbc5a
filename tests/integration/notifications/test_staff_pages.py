"""The staff's delivery pages behind the front door (the token it passes on in
X-Soho-Identity): the log (failures first, filters, keyset pages), one message (headers,
content, the re-send form calling the API's use case, 409 when it cannot go again), the
templates (preview with the sample values in French and English, an override that does not
render is a 422 naming the part, a stale one a 409 with the text kept, back to the file),
a person's messages as an htmx fragment; 404, 401 and 403 pages; CSRF."""

import re
import uuid

import pytest

from shared.auth import Role
from tests.support.waiting import wait_for

from .events import contact_received
from .staff_pages_helpers import (STAFF, CountingPool, add_delivery, identity, next_link,
                                  post_form, row_ids, statuses, text)


@pytest.fixture
async def svc(service, smtp_server):
    """The service behind a plain-HTTP front door (an https one makes the CSRF cookie
    Secure, which the test client would not send back over http)."""
    async with service(smtp_server.url, NOTIFICATIONS_STAFF_EMAILS=[],
                       SOHO_PUBLIC_URL="http://127.0.0.1:8080") as running:
        yield running


async def get(svc, path: str, headers=None, expect: int = 200):
    page = await svc.client.get(path, headers=headers or STAFF)
    assert page.status_code == expect, (path, page.status_code, page.text[:2000])
    return page


async def test_the_log_shows_failures_first_then_waiting_then_sent_newest_first(svc, db):
    sent_old = await add_delivery(db, status="sent", minutes_ago=50)
    failed_old = await add_delivery(db, status="failed", minutes_ago=40,
                                    last_error="550 5.1.1 mailbox unavailable")
    sent_new = await add_delivery(db, status="sent", minutes_ago=5,
                                  template="booking.confirmation")
    pending = await add_delivery(db, status="pending", minutes_ago=30)
    failed_new = await add_delivery(db, status="failed", minutes_ago=20,
                                    recipient="lea.martin@example.org",
                                    last_error="554 5.7.1 refused")
    sending = await add_delivery(db, status="sending", minutes_ago=1)

    page = await get(svc, "/staff/deliveries/")
    assert page.headers["cache-control"] == "no-store" and '<html lang="fr">' in page.text
    assert row_ids(page) == [str(i) for i in (failed_new, failed_old, sending, pending,
                                              sent_new, sent_old)]
    assert statuses(page) == ["failed", "failed", "sending", "pending", "sent", "sent"]
    shown = text(page)
    for fact in ("554 5.7.1 refused", "550 5.1.1 mailbox unavailable", "lea.martin@example.org",
                 "Échec", "Envoyé", "Confirmation de réservation",
                 "Accusé de réception d'un contact", "E-mail", "Envois, les échecs d'abord"):
        assert fact in shown, fact
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT', page.text)
    assert 'aria-current="page"' in page.text and 'href="/staff/deliveries/"' in page.text

    english = await get(svc, "/staff/deliveries/?lang=en")
    assert '<html lang="en">' in english.text
    for fact in ("Failed", "Sent", "Booking confirmation", "Deliveries, failures first",
                 "Recipient"):
        assert fact in text(english), fact


async def test_the_log_is_keyset_paged_and_filtered(svc, db):
    made = {"failed": [], "pending": [], "sent": []}
    for n in range(130):
        status = ("failed", "pending", "sent", "sent", "sent")[n % 5]
        template = "booking.confirmation" if n % 2 else "contact.acknowledgement"
        made[status].append((n, template, await add_delivery(
            db, status=status, minutes_ago=n, template=template,
            last_error="550 refused" if status == "failed" else None)))
    expected = [str(i) for status in ("failed", "pending", "sent")
                for _, _, i in made[status]]  # minutes_ago ascending: newest first

    seen, path, pages = [], "/staff/deliveries/", 0
    while path:
        page = await get(svc, path)
        ids = row_ids(page)
        assert len(ids) == (50 if pages < 2 else 30)
        seen += ids
        path, pages = next_link(page), pages + 1
        if pages > 1:
            assert "Retour au début" in text(page)
    assert pages == 3 and seen == expected

    failed = await get(svc, "/staff/deliveries/?status=failed&template=booking.confirmation")
    assert row_ids(failed) == [str(i) for _, t, i in made["failed"]
                               if t == "booking.confirmation"]
    assert set(statuses(failed)) == {"failed"}
    assert 'value="failed" selected' in failed.text
    assert 'value="booking.confirmation" selected' in failed.text
    # Filters go along to the next page.
    sent = await get(svc, "/staff/deliveries/?status=sent")
    assert "status=sent" in next_link(sent)
    second = await get(svc, next_link(sent))
    assert set(statuses(second)) == {"sent"} and len(row_ids(second)) == 28

    nothing = await get(svc, "/staff/deliveries/?status=suppressed")
    assert "Aucun envoi ne correspond à ces filtres." in text(nothing)
    bad = await get(svc, "/staff/deliveries/?status=lost&template=nope", expect=422)
    assert 'href="#status"' in bad.text and 'href="#template"' in bad.text
    assert "Choisissez un statut dans la liste." in text(bad)
    stale = await get(svc, "/staff/deliveries/?after=not-a-cursor")
    assert "voici le début" in text(stale) and row_ids(stale) == expected[:50]


async def test_a_page_of_the_log_or_of_a_persons_messages_is_one_statement(svc, db):
    person = uuid.uuid4()
    for n in range(60):
        await add_delivery(db, status=("failed", "sent", "pending")[n % 3], minutes_ago=n,
                           prospect_id=person if n < 30 else None,
                           last_error="550 refused" if n % 3 == 0 else None)
    real = svc.app.state.pool
    for path, shown in (("/staff/deliveries/", 50), ("/staff/deliveries/?status=sent", 20),
                        (f"/staff/deliveries/?prospect={person}", 30),
                        (f"/staff/deliveries/of-prospect/{person}", 20)):
        svc.app.state.pool = counting = CountingPool(real)
        try:
            page = await get(svc, path)
        finally:
            svc.app.state.pool = real
        assert len(re.findall(r'<a href="/staff/deliveries/[0-9a-f-]{36}"', page.text)) == shown
        assert len([q for q in counting.statements if "deliveries" in q]) == 1, \
            (path, counting.statements)


async def test_a_failed_message_shows_its_error_and_is_sent_again_from_its_page(
        svc, smtp_server, publish, db, listener):
    event = contact_received(first_name="Léa")
    smtp_server.reply_next("550 5.1.1 mailbox unavailable")
    await publish(event)
    row = await wait_for(lambda: db.fetchrow(
        "SELECT * FROM deliveries WHERE event_id = $1 AND status = 'failed'", event.id),
        message="the acknowledgement failed")

    page = await get(svc, f"/staff/deliveries/{row['id']}")
    shown = text(page)
    for fact in ("5.1.1 mailbox unavailable", "refus définitif", event.data.email,
                 row["message_id"], "Message-ID", "X-Soho-Template", "Auto-Submitted",
                 "Soho Solo : nous avons bien reçu votre message", "Bonjour Léa",
                 "Renvoyer le message", "Accusé de réception d'un contact"):
        assert fact in shown, fact
    assert re.search(r'data-testid="attempts">1<', page.text)
    # The HTML is shown in a sandboxed frame (its source escaped), never as the page's own.
    frame = f'sandbox="" src="/staff/deliveries/{row["id"]}/body.html"'
    assert f'<iframe class="email-preview" {frame}' in page.text
    assert "&lt;!DOCTYPE html&gt;" in page.text and "<!DOCTYPE html>" not in page.text
    framed = await get(svc, f"/staff/deliveries/{row['id']}/body.html")
    assert framed.text == row["body_html"]
    policy = framed.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy and \
        "frame-ancestors 'self'" in policy and "script-src" not in policy
    assert 'action="/staff/deliveries/' + str(row["id"]) + '/resend"' in page.text

    done = await post_form(svc.client, page, f"/staff/deliveries/{row['id']}/resend", {})
    assert done.status_code == 303
    assert done.headers["location"].startswith(f"/staff/deliveries/{row['id']}?done=resent")
    [mail] = await smtp_server.wait_for_messages(to=event.data.email)
    assert mail.message["Message-ID"] == row["message_id"]
    after = await wait_for(lambda: db.fetchrow(
        "SELECT * FROM deliveries WHERE id = $1 AND status = 'sent'", row["id"]),
        message="recorded as sent after the re-send")
    assert after["resends"] == 1 and after["attempts"] == 1, "its attempts started over"
    assert await wait_for(lambda: [r for r in listener.received
                                   if r.routing_key == "notification.sent"
                                   and r.body["data"]["notification_id"] == str(row["id"])],
                          message="notification.sent after the re-send")

    shown = text(await get(svc, done.headers["location"]))
    assert "Le message est remis dans la file d'envoi" in shown
    assert re.search(r'data-testid="status">Envoyé<', shown)

    # Sent now: sending it again is refused with a page that says why (409).
    again = await post_form(svc.client, page, f"/staff/deliveries/{row['id']}/resend", {})
    assert again.status_code == 409
    assert "Ce message ne peut pas être renvoyé" in text(again)
    assert "Seul un message en échec peut être renvoyé ; celui-ci est « Envoyé »." in text(again)
    api = await svc.client.post(f"/api/notifications/{row['id']}/resend", headers=svc.staff())
    assert api.status_code == 409


async def test_a_message_whose_content_was_erased_cannot_be_sent_again(svc, db):
    erased = await add_delivery(db, status="failed", body_text=None, body_html=None,
                                last_error="421 too busy", template="arrivals.digest")
    page = await get(svc, f"/staff/deliveries/{erased}?lang=en")
    assert "This message's content was erased" in text(page)
    assert 'id="form-resend"' not in page.text
    listing = await get(svc, "/staff/deliveries/")
    refused = await post_form(svc.client, listing, f"/staff/deliveries/{erased}/resend?lang=fr",
                              {}, headers=STAFF)
    assert refused.status_code == 409 and "il n'y a plus rien à envoyer" in text(refused)
    assert (await svc.client.post(f"/api/notifications/{erased}/resend",
                                  headers=svc.staff())).status_code == 409
    assert await db.fetchval("SELECT status FROM deliveries WHERE id = $1", erased) == "failed"


async def test_a_webhook_shows_its_json_body(svc, db):
    hook = await add_delivery(db, status="sent", channel="webhook", recipient="committee:32013",
                              template="solo.arrival", body_text=None, body_html=None,
                              payload={"type": "solo.arrival", "arrival": {"first_name": "Zoé"}})
    shown = text(await get(svc, f"/staff/deliveries/{hook}"))
    assert '"first_name": "Zoé"' in shown and "Soho-Delivery-Id" in shown
    assert "committee:32013" in shown and "email-preview" not in shown


async def test_the_templates_page_lists_every_template_in_both_languages(svc):
    put = await svc.client.put("/api/templates/solo.welcome/en", headers=svc.staff(), json={
        "subject": "Welcome {{ first_name }}", "body_text": "Hello {{ first_name }}",
        "body_html": "<p>Hello {{ first_name }}</p>"})
    assert put.status_code == 200
    page = await get(svc, "/staff/deliveries/templates")
    shown = text(page)
    from services.notifications.adapters.templating import CATALOG
    for name in CATALOG:
        for locale in ("fr", "en"):
            assert f'href="/staff/deliveries/templates/{name}/{locale}"' in page.text
    assert "Bienvenue au solo installé" in shown
    english_cell = page.text[page.text.index('data-testid="state-solo.welcome-en"'):]
    assert english_cell.index("Modifié") < english_cell.index("</td>")
    french_cell = page.text[page.text.index('data-testid="state-solo.welcome-fr"'):]
    assert french_cell.index("Modèle du fichier") < french_cell.index("</td>")
    assert "Message templates" in text(await get(svc, "/staff/deliveries/templates?lang=en"))


async def test_a_template_is_previewed_with_the_sample_values_in_french_and_english(svc):
    french = await get(svc, "/staff/deliveries/templates/contact.staff_alert/fr")
    shown = text(french)
    assert "Nouveau contact (web) : Camille Martin" in shown
    assert "Nous cherchons une maison avec jardin." in shown
    assert re.search(r'<iframe class="email-preview" sandbox="" src="/staff/deliveries/'
                     r'templates/contact.staff_alert/fr/preview.html"', french.text)
    framed = await get(svc, "/staff/deliveries/templates/contact.staff_alert/fr/preview.html")
    assert "Nous cherchons une maison avec jardin." in text(framed)
    assert "sandbox" in framed.headers["content-security-policy"]
    assert '<input type="hidden" name="revision" value="file">' in french.text
    assert "{{ first_name }}" in shown, "the form holds the template's source"
    english = await get(svc, "/staff/deliveries/templates/contact.acknowledgement/en?lang=en")
    shown = text(english)
    assert "Soho Solo: we have received your message" in shown
    assert "The file's template" in shown and "Camille" in shown


async def test_an_override_is_saved_checked_kept_when_stale_and_undone(svc, db):
    address = "/staff/deliveries/templates/contact.acknowledgement/fr"
    page = await get(svc, address)
    broken = await post_form(svc.client, page, address, {
        "subject": "Bonjour {{ nickname }}", "body_text": "Texte à garder",
        "body_html": "<p>x</p>"})
    assert broken.status_code == 422
    assert 'href="#subject"' in broken.text and 'aria-invalid="true"' in broken.text
    assert "L'objet ne s'affiche pas avec les valeurs d'exemple" in text(broken)
    assert "Texte à garder</textarea>" in text(broken), "what was typed is kept"
    empty = await post_form(svc.client, page, address, {
        "subject": "", "body_text": "x", "body_html": "<p>{{ first_name.__class__ }}</p>"})
    assert empty.status_code == 422 and 'href="#subject"' in empty.text
    control = await post_form(svc.client, page, address, {
        "subject": "ok", "body_text": "nul \x00 here", "body_html": "x" * 100_001})
    assert control.status_code == 422
    assert 'href="#body_text"' in control.text and 'href="#body_html"' in control.text
    assert "caractères non autorisés" in text(control) and "100\u202f000 caractères au plus" in \
        text(control)
    unsafe = await post_form(svc.client, page, address, {
        "subject": "ok", "body_text": "x", "body_html": "<p>{{ first_name.__class__ }}</p>"})
    assert unsafe.status_code == 422 and 'href="#body_html"' in unsafe.text
    assert await db.fetchval("SELECT count(*) FROM template_overrides") == 0

    saved = await post_form(svc.client, page, address, {
        "subject": "Merci {{ first_name }} !", "body_text": "Bonjour {{ first_name }}, merci.",
        "body_html": "<p>Bonjour {{ first_name }}, merci.</p>"})
    assert saved.status_code == 303 and "done=saved" in saved.headers["location"]
    now = await get(svc, saved.headers["location"])
    shown = text(now)
    assert "Merci Camille !" in shown and "Bonjour Camille, merci." in shown
    assert "Modifié par Marie Dupont" in shown
    api = (await svc.client.get("/api/templates/contact.acknowledgement/fr",
                                headers=svc.staff())).json()
    assert api["source"] == "override" and api["subject"] == "Merci {{ first_name }} !"

    # The first page's revision is stale now: nothing is saved, the text typed is kept.
    stale = await post_form(svc.client, page, address, {
        "subject": "Ma version", "body_text": "Mon texte à ne pas perdre",
        "body_html": "<p>x</p>"})
    assert stale.status_code == 409
    assert "Ce modèle a changé pendant que vous le modifiiez" in text(stale)
    assert "Mon texte à ne pas perdre</textarea>" in text(stale)
    assert await db.fetchval("SELECT subject FROM template_overrides") == \
        "Merci {{ first_name }} !"
    stale_reset = await post_form(svc.client, page, address + "/reset", {})
    assert stale_reset.status_code == 409

    reset = await post_form(svc.client, now, address + "/reset", {})
    assert reset.status_code == 303
    assert "Le message reprend le modèle du fichier." in text(
        await get(svc, reset.headers["location"]))
    assert await db.fetchval("SELECT count(*) FROM template_overrides") == 0


async def test_a_persons_messages_as_an_htmx_fragment_or_a_page(svc, db):
    person = uuid.uuid4()
    failed = await add_delivery(db, status="failed", minutes_ago=10, prospect_id=person,
                                last_error="550 refused")
    sent = await add_delivery(db, status="sent", minutes_ago=20, prospect_id=person,
                              template="solo.welcome")
    await add_delivery(db, status="sent", minutes_ago=1)  # someone else's

    path = f"/staff/deliveries/of-prospect/{person}"
    fragment = await get(svc, path, headers=STAFF | {"HX-Request": "true"})
    assert "<html" not in fragment.text and "<header" not in fragment.text
    assert "HX-Request" in fragment.headers["vary"]
    entries = re.findall(r'<li class="entry[^"]*"[^>]*>.*?</li>', fragment.text, re.S)
    assert len(entries) == 2
    assert f'href="/staff/deliveries/{failed}"' in entries[0]
    assert f'href="/staff/deliveries/{sent}"' in entries[1]
    assert all(re.search(r'<time datetime="\d{4}-\d\d-\d\dT', e) for e in entries)
    shown = text(fragment)
    assert "Accusé de réception d'un contact" in shown and "Bienvenue au solo installé" in shown
    assert "Échec" in shown and "Envoyé" in shown

    page = await get(svc, path + "?lang=en")
    assert '<html lang="en">' in page.text and "Messages about this person" in text(page)
    assert "Welcome to the installed solo" in text(page)
    nobody = await get(svc, f"/staff/deliveries/of-prospect/{uuid.uuid4()}?lang=fr",
                       headers=STAFF | {"HX-Request": "true"})
    assert "Aucun message n'a été envoyé à propos de cette personne." in text(nobody)


@pytest.mark.parametrize("path", [
    f"/staff/deliveries/{uuid.uuid4()}", "/staff/deliveries/42", "/staff/deliveries/not-an-id",
    "/staff/deliveries/of-prospect/nope", "/staff/deliveries/?prospect=nope",
    "/staff/deliveries/templates/no.such/fr", "/staff/deliveries/templates/solo.welcome/de",
    "/staff/deliveries/templates/solo.welcome/fr/more",
    f"/staff/deliveries/{uuid.uuid4()}/body.html",
    "/staff/deliveries/nope/body.html", "/staff/deliveries/templates/nope/fr/preview.html"])
async def test_an_unknown_or_malformed_id_is_the_404_page(svc, path):
    answer = await get(svc, path, expect=404)
    assert "Page introuvable" in text(answer) or "Not Found" in answer.text
    if "more" not in path:
        assert "Page introuvable" in text(answer) and "/assets/soho.css" in answer.text
        english = await get(svc, path + ("&" if "?" in path else "?") + "lang=en", expect=404)
        assert "Page not found" in english.text


async def test_a_post_to_an_unknown_message_or_template_is_the_404_page(svc, db):
    page = await get(svc, "/staff/deliveries/")
    for path in (f"/staff/deliveries/{uuid.uuid4()}/resend", "/staff/deliveries/x/resend",
                 "/staff/deliveries/templates/nope/fr", "/staff/deliveries/templates/nope/fr/reset",
                 "/staff/deliveries/templates/solo.welcome/xx"):
        answer = await post_form(svc.client, page, path, {"subject": "x", "body_text": "x",
                                                          "body_html": "x"})
        assert answer.status_code == 404, path
        assert "Page introuvable" in text(answer)
    assert await db.fetchval("SELECT count(*) FROM template_overrides") == 0


@pytest.mark.parametrize("role, scope", [(Role.SOLO, {"member": uuid.uuid4()}),
                                         (Role.COMMITTEE, {"village": "32013"})])
async def test_other_roles_get_403_and_nobody_401(svc, db, role, scope):
    failed = await add_delivery(db, status="failed", last_error="550",
                                recipient="secret.person@example.org")
    headers = identity(role, **scope)
    for path in ("/staff/deliveries/", f"/staff/deliveries/{failed}",
                 f"/staff/deliveries/{failed}/body.html", "/staff/deliveries/templates",
                 "/staff/deliveries/templates/solo.welcome/fr",
                 "/staff/deliveries/templates/solo.welcome/fr/preview.html",
                 f"/staff/deliveries/of-prospect/{uuid.uuid4()}"):
        refused = await get(svc, path, headers=headers, expect=403)
        assert "secret.person" not in refused.text and "Accès refusé" in text(refused)
        unsigned = await svc.client.get(path)
        assert unsigned.status_code == 401 and "secret.person" not in unsigned.text

    page = await get(svc, "/staff/deliveries/")
    for path in (f"/staff/deliveries/{failed}/resend",
                 "/staff/deliveries/templates/solo.welcome/fr",
                 "/staff/deliveries/templates/solo.welcome/fr/reset"):
        body = {"subject": "x", "body_text": "x", "body_html": "x"}
        assert (await post_form(svc.client, page, path, body, headers=headers)
                ).status_code == 403, path
        svc.client.headers.pop("X-Soho-Identity", None)
        csrf = {"csrftoken": svc.client.cookies["csrftoken"]}
        assert (await svc.client.post(path, data=csrf | body)).status_code == 401, path
    assert await db.fetchval("SELECT status FROM deliveries WHERE id = $1", failed) == "failed"
    assert await db.fetchval("SELECT count(*) FROM template_overrides") == 0


async def test_a_post_without_its_csrf_field_is_403_and_changes_nothing(svc, db):
    failed = await add_delivery(db, status="failed", last_error="550")
    await get(svc, "/staff/deliveries/")  # the CSRF cookie, but no field
    for path, data in ((f"/staff/deliveries/{failed}/resend", {}),
                       ("/staff/deliveries/templates/solo.welcome/fr",
                        {"subject": "x", "body_text": "x", "body_html": "x",
                         "revision": "file"})):
        assert (await svc.client.post(path, data=data, headers=STAFF)).status_code == 403
    assert await db.fetchval("SELECT status FROM deliveries WHERE id = $1", failed) == "failed"
    assert await db.fetchval("SELECT count(*) FROM template_overrides") == 0
