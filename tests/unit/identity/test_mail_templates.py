"""Identity's emails render in French and English: a subject, the link in both bodies,
how long the link works, and HTML that shows a name as typed (escaped)."""

import pytest

from services.identity.adapters.email_templates import UnknownTemplate, render
from services.identity.domain.mail import TEMPLATES

LINK = "https://soho-solo.example.org/password/tok_EN-abc123?x=1&y=2"
NASTY = 'Ann <script>alert("x")</script> & Co'

CONTEXTS = {
    "invitation": dict(link=LINK, name=NASTY, invited_by="Bea Admin"),
    "reset": dict(link=LINK, name=NASTY),
    "sign_in": dict(link=LINK, name=NASTY),
    "welcome_member": dict(link=LINK, first_name=NASTY, village_name="Lectoure"),
}
SUBJECTS = {
    ("invitation", "fr"): "Votre invitation à l'espace équipe de Soho Solo",
    ("invitation", "en"): "Your invitation to the Soho Solo team space",
    ("reset", "fr"): "Choisir un nouveau mot de passe Soho Solo",
    ("reset", "en"): "Choose a new Soho Solo password",
    ("sign_in", "fr"): "Votre lien de connexion à Soho Solo",
    ("sign_in", "en"): "Your Soho Solo sign-in link",
    ("welcome_member", "fr"): "Bienvenue à Lectoure : votre espace Soho Solo est ouvert",
    ("welcome_member", "en"): "Welcome to Lectoure: your Soho Solo space is open",
}
LIFETIMES = {
    ("invitation", "fr"): "7 jours", ("invitation", "en"): "7 days",
    ("reset", "fr"): "1 heure", ("reset", "en"): "1 hour",
    ("sign_in", "fr"): "15 minutes", ("sign_in", "en"): "15 minutes",
    ("welcome_member", "fr"): "7 jours", ("welcome_member", "en"): "7 days",
}
IGNORE = {"fr": "ignorez", "en": "ignore"}


def test_the_catalogue_is_the_four_emails():
    assert set(TEMPLATES) == {"invitation", "reset", "sign_in", "welcome_member"}
    assert set(CONTEXTS) == set(TEMPLATES)


@pytest.mark.parametrize("locale", ["fr", "en"])
@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_each_email_renders_in_both_languages(template, locale):
    mail = render(template, locale, CONTEXTS[template])
    assert mail.subject == SUBJECTS[template, locale]
    assert "\n" not in mail.subject
    # The text is plain text: the link and the name exactly as given.
    assert LINK in mail.text
    assert NASTY in mail.text
    assert LIFETIMES[template, locale] in mail.text
    assert IGNORE[locale] in mail.text.lower()
    assert not mail.text.startswith(mail.subject)  # the first line is the subject, not body
    # The HTML escapes what people typed and carries the link (escaped as an attribute).
    assert f'<html lang="{locale}">' in mail.html
    assert "<script>" not in mail.html
    assert "Ann &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in mail.html
    assert f'href="{LINK.replace("&", "&amp;")}"' in mail.html
    assert LIFETIMES[template, locale] in mail.html


def test_french_is_the_default_language():
    assert render("sign_in", "de", CONTEXTS["sign_in"]).subject == SUBJECTS["sign_in", "fr"]
    assert render("sign_in", "en-GB", CONTEXTS["sign_in"]).subject == SUBJECTS["sign_in", "en"]
    assert render("sign_in", "", CONTEXTS["sign_in"]).subject == SUBJECTS["sign_in", "fr"]


def test_an_empty_name_greets_without_a_hole():
    mail = render("sign_in", "fr", dict(link=LINK, name=""))
    assert "Bonjour,\n" in mail.text
    invitation = render("invitation", "en", dict(link=LINK, name="", invited_by=""))
    assert "Hello,\n" in invitation.text and "We have opened an account" in invitation.text


def test_an_unknown_template_or_a_missing_variable_is_refused():
    with pytest.raises(UnknownTemplate):
        render("newsletter", "fr", {})
    with pytest.raises(ValueError, match="link"):
        render("reset", "fr", dict(name="Ann"))
