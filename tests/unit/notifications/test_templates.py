"""Every message renders in French and English; French is the fallback; overrides are
sandboxed and strict."""

import pytest
from jinja2 import TemplateError, UndefinedError

from services.notifications.adapters.templating import CATALOG, Renderer
from services.notifications.domain.template_samples import sample_context
from services.notifications.domain.templates import Override, language

renderer = Renderer()


@pytest.mark.parametrize("name", sorted(CATALOG))
@pytest.mark.parametrize("locale", ["fr", "en"])
def test_every_template_renders_in_both_languages(name, locale):
    rendered = renderer.render(name, locale, sample_context(name))
    assert rendered.subject and "\n" not in rendered.subject
    assert rendered.text.strip() and f'<html lang="{locale}">' in rendered.html
    assert "{{" not in rendered.text and "{%" not in rendered.html


def test_non_essential_messages_carry_the_unsubscribe_link_in_their_body():
    rendered = renderer.render("solo.welcome", "fr", sample_context("solo.welcome"))
    assert "https://soho-solo.example.org/unsubscribe/sample" in rendered.text
    assert 'href="https://soho-solo.example.org/unsubscribe/sample"' in rendered.html


def test_french_is_the_fallback_language():
    assert language("de") == "fr" and language(None) == "fr" and language("en") == "en"
    rendered = renderer.render("contact.acknowledgement", "de",
                               sample_context("contact.acknowledgement"))
    assert rendered.subject.startswith("Soho Solo : nous avons bien reçu")


def test_html_escapes_what_people_typed():
    context = sample_context("contact.staff_alert") | {"message": "<script>alert(1)</script>"}
    rendered = renderer.render("contact.staff_alert", "fr", context)
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html
    assert "<script>alert(1)</script>" in rendered.text


def test_an_override_replaces_subject_and_bodies():
    override = Override("Merci {{ first_name }} !\nInjected: header", "Texte {{ first_name }}",
                        "<p>{{ first_name }}</p>")
    rendered = renderer.render("contact.acknowledgement", "fr",
                               sample_context("contact.acknowledgement"), override)
    assert rendered.subject == "Merci Camille ! Injected: header"  # one line, always
    assert rendered.text == "Texte Camille\n" and rendered.html == "<p>Camille</p>"


def test_an_override_naming_an_unknown_value_or_python_internals_does_not_render():
    with pytest.raises(UndefinedError):
        renderer.render("contact.acknowledgement", "fr", sample_context("contact.acknowledgement"),
                        Override("{{ password }}", "x", "x"))
    with pytest.raises(TemplateError):
        renderer.render("contact.acknowledgement", "fr", sample_context("contact.acknowledgement"),
                        Override("x", "{{ first_name.__class__.__mro__ }}", "x"))


def test_the_staff_pages_templates_are_apart_from_the_email_templates():
    """Page templates live in templates/staff/ (prefixed staff_, or committee_ for the
    committees' page): no email template is one, and nothing the catalog names or the
    renderer lists is a page."""
    from services.notifications.adapters.templating import TEMPLATES_DIR
    pages = sorted(p.name for p in (TEMPLATES_DIR / "staff").iterdir())
    assert pages and all(name.startswith(("staff_", "committee_")) for name in pages)
    emails = {p.name for p in TEMPLATES_DIR.iterdir() if p.is_file()}
    assert not {name for name in emails if name.startswith(("staff_", "committee_"))}
    for name in CATALOG:
        assert not name.startswith("staff"), name
        for locale in ("fr", "en"):
            assert (TEMPLATES_DIR / f"{name}.{locale}.txt").is_file()
            assert (TEMPLATES_DIR / f"{name}.{locale}.html").is_file()
