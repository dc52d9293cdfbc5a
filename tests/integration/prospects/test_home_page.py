"""The public site's home page `/` over HTTP: the programme's presentation, the key figures
region htmx fills from the dashboard's /key-figures (a plain link to it without JavaScript),
the links to the villages and the telecentres, the public menu, then the form; the form back
with its problems leaves the presentation out so they come first."""

import html
import re
import time

from services.prospects.web.form_guard import issue_token

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


async def test_the_home_page_presents_the_programme_then_the_form(prospects):
    prospects.client.cookies.clear()
    for query, lang, words in (
            ("", "fr", ["Depuis 2008, la CCI du Gers", "comité d'accueil", "haut débit",
                        "télécentres", "Soho Solo en chiffres", "Parlez-nous de votre projet"]),
            ("?lang=en", "en", ["Since 2008, the Gers Chamber of Commerce", "welcome committee",
                                "broadband", "telecentres", "Soho Solo in figures",
                                "Tell us about your plans"])):
        answer = await prospects.client.get(f"/{query}")
        assert answer.status_code == 200
        page = html.unescape(answer.text)
        for word in words:
            assert word in page, word
        region = re.search(r'<div class="linked-body figures-region" id="key-figures"(.*?)</div>',
                           answer.text, re.S).group(0)
        assert f'hx-get="/key-figures?lang={lang}"' in region and 'hx-trigger="load"' in region
        assert "data-busy-while-loading" in region and 'aria-live="polite"' in region
        assert f'<a href="/key-figures?lang={lang}">' in region, "the link without JavaScript"
        assert f'href="/villages/?lang={lang}"' in answer.text
        assert f'href="/telecentres?lang={lang}"' in answer.text
        for item in ('href="/"', 'href="/villages/"', 'href="/telecentres"',
                     'href="/key-figures"'):
            assert item in re.search(r'<nav class="menu".*?</nav>', answer.text, re.S).group(0)
        assert 'href="/" aria-current="page"' in answer.text
        assert "/assets/htmx.min.js" in answer.text and "/assets/busy-regions.js" in answer.text
        assert answer.text.index("figures-region") < answer.text.index('<form method="post"')
        assert answer.headers["cache-control"] == "no-store"
        assert "script-src 'self'" in answer.headers["content-security-policy"]
        assert "<img" not in answer.text and "http://" not in answer.text
    prospects.client.cookies.clear()


async def test_the_form_back_with_its_problems_leaves_the_presentation_out(prospects):
    token = issue_token(prospects.app.state.settings.secret, now=time.time() - 60)
    answer = await prospects.client.post("/?lang=en", data={
        "first_name": "Sanne", "last_name": "de Vries", "email": "not-an-email",
        "consent": "yes", "consent_version": "2025-01", "form_token": token, "website": "",
        "lang": "en"}, headers=FORM)
    assert answer.status_code == 422
    assert "Since 2008" not in answer.text and "figures-region" not in answer.text
    assert "<script" not in answer.text
    assert answer.text.index('class="error-summary"') < answer.text.index("<form")
    assert 'value="not-an-email"' in answer.text
    prospects.client.cookies.clear()
