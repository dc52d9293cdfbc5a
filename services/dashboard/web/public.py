"""The programme's key figures on the public site: `GET /key-figures`, open to everyone (the
front door sends that one path here). The whole page in the platform's shared look, or, for
htmx (the `HX-Request` header, as the home page `/` asks for it), only the list of figures.
The same figures as the staff's, a few of them picked (use_cases/figures.py): nothing
personal. French by default, English on `?lang=en` or the `soho_lang` cookie."""

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from shared.http.deps import DbPool
from shared.web.pages import Pages

from ..use_cases.figures import read_public_figures

PAGES = Pages(Path(__file__).parent.parent / "templates")

TEXTS = {
    "fr": {
        "title": "Chiffres clés",
        "lead": ("Soho Solo en chiffres : les foyers de travailleurs à distance et "
                 "d'indépendants installés dans les villages du Gers avec le programme."),
        "as_of": "Chiffres au {date}, comptés à partir des installations enregistrées.",
        "installed_solos": "Solos installés",
        "installed_solos_hint": "foyers de télétravailleurs et d'indépendants",
        "new_inhabitants": "Nouveaux habitants",
        "new_inhabitants_hint": "les foyers entiers, enfants compris",
        "villages_with_solos": "Villages accueillant des solos",
        "villages_with_solos_hint": "communes du Gers",
        "origin_countries": "Pays d'origine",
        "origin_countries_hint": "d'où viennent les foyers installés",
        "next": "Et vous ?",
        "villages": "Découvrir les villages",
        "telecentres": "Les télécentres et espaces de coworking",
        "form": "Parlez-nous de votre projet",
    },
    "en": {
        "title": "Key figures",
        "lead": ("Soho Solo in figures: the households of remote workers and freelancers "
                 "who moved to the villages of the Gers with the programme."),
        "as_of": "Figures as of {date}, counted from the installations recorded.",
        "installed_solos": "Solos installed",
        "installed_solos_hint": "households of remote workers and freelancers",
        "new_inhabitants": "New inhabitants",
        "new_inhabitants_hint": "whole households, children included",
        "villages_with_solos": "Villages welcoming solos",
        "villages_with_solos_hint": "communes of the Gers",
        "origin_countries": "Countries of origin",
        "origin_countries_hint": "where the households came from",
        "next": "What about you?",
        "villages": "Discover the villages",
        "telecentres": "Telecentres and coworking spaces",
        "form": "Tell us about your plans",
    },
}

router = APIRouter(tags=["public site"])


@router.get("/key-figures", response_class=HTMLResponse, responses={200: {
    "description": "The page; with `HX-Request: true`, only the list of figures (htmx)"}})
async def key_figures(request: Request, pool: DbPool) -> HTMLResponse:
    """The programme's key figures (anyone): solos installed, new inhabitants, villages
    welcoming solos, countries of origin (French; `?lang=en` English)."""
    figures = await read_public_figures(pool)
    fragment = request.headers.get("hx-request") == "true"
    return PAGES.render(request, "key_figures_list.html" if fragment else "key_figures.html",
                        texts=TEXTS, public=figures, headers={"Vary": "HX-Request, Cookie"})
