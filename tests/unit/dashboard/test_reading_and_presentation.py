"""Reading the figures from the running sums, and showing them: rates, retention due by
date, the CSV export, the map of the Gers, the feed's words."""

import csv
import datetime
import io
import uuid

from services.dashboard.domain.reading import assemble
from services.dashboard.use_cases.export import kpis_csv
from services.dashboard.use_cases.feed import feed_line
from services.dashboard.web import formatting
from services.dashboard.web.gers_map import fit, gers_map, well_placed
from shared.reference.communes import communes

NOW = datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC)


def kpis(rows, today=datetime.date(2026, 11, 22)):
    return assemble(rows, now=NOW, today=today, last_event_at=None)


def test_no_events_give_zeros_not_errors():
    k = kpis([])
    assert (k.contacts, k.prospects, k.conversion_rate, k.funnel.qualified_to_installed) == \
        (0, 0, 0.0, 0.0)
    assert k.by_origin_country == {} and k.installations_by_year == []
    assert k.retention_12_months.active_rate == 0.0


def test_retention_counts_the_installations_whose_anniversary_has_come():
    rows = [("installed_on", "2025-11-22", "solos", 2),
            ("installed_on", "2025-11-22", "active_after_12_months", 1),
            ("installed_on", "2025-11-23", "solos", 5)]
    r = kpis(rows).retention_12_months
    assert (r.due, r.active_after_12_months, r.active_rate) == (2, 1, 0.5)
    assert kpis(rows, today=datetime.date(2026, 11, 23)).retention_12_months.due == 7


def test_the_csv_export_lists_each_figure_with_both_labels_and_no_formula():
    rows = [("total", "", "contacts", 12), ("total", "", "prospects", 10),
            ("total", "", "qualified", 4), ("sector", "=cmd|' /c calc'!A1", "prospects", 1),
            ("install_year", "2025", "solos", 2), ("install_year", "2025", "inhabitants", 5)]
    text = kpis_csv(kpis(rows), "2026-11-22")
    table = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert table[0] == ["figure", "label_fr", "label_en", "value", "unit", "as_of"]
    by_figure = {row[0]: row for row in table[1:]}
    assert by_figure["contacts"] == ["contacts", "Contacts reçus", "Contacts received", "12",
                                     "", "2026-11-22"]
    assert by_figure["conversion_rate"][3:5] == ["40.0", "%"]
    assert by_figure["installed_solos.2025"][3] == "2"
    assert by_figure["new_inhabitants.2025"][1] == "Nouveaux habitants en 2025"
    assert all(not cell.startswith("=") for row in table for cell in row)


def test_the_map_fits_the_gers_and_leaves_misplaced_communes_out():
    places = list(communes().values())
    assert len(places) == 458
    kept = well_placed(places)
    assert 450 <= len(kept) < 458
    projection = fit(kept)
    for place in kept:
        x, y = projection.point(place.latitude, place.longitude)
        assert 0 <= x <= 400 and 0 <= y <= projection.height
    auch = communes()["32013"]
    north = max(kept, key=lambda p: p.latitude)
    assert projection.point(north.latitude, north.longitude)[1] < \
        projection.point(auch.latitude, auch.longitude)[1], "north is up"
    village = kpis([("village", "32013", "solos", 4), ("village", "32013", "inhabitants", 9)])
    drawn = gers_map(village.installations_by_village)
    assert [(m.name, m.solos, m.labelled) for m in drawn.markers] == [("Auch", 4, True)]
    assert drawn.prefecture_has_solos


def test_feed_lines_speak_french_or_english():
    facts = {"channel": "web", "origin_country": "NL", "household_size": 3, "sector": "digital"}
    fr = feed_line(uuid.uuid4(), "contact.received", NOW, facts, "fr")
    en = feed_line(uuid.uuid4(), "contact.received", NOW, facts, "en")
    assert (fr.title, fr.summary) == ("Nouveau contact",
                                      "formulaire web · Pays-Bas · foyer de 3 · numérique")
    assert (en.title, en.summary) == ("New contact",
                                      "web form · Netherlands · household of 3 · digital")
    unknown = feed_line(uuid.uuid4(), "village.opened", NOW, {}, "en")
    assert (unknown.title, unknown.summary) == ("village.opened", "")


def test_numbers_are_written_the_french_or_english_way():
    assert formatting.number(12345, "fr") == "12\u202f345"
    assert formatting.number(12345, "en") == "12,345"
    assert formatting.number(7.5, "fr") == "7,5"
    assert formatting.percent(0.4286, "fr") == "42,9\u00a0%"
    assert formatting.percent(0.5, "en") == "50%"


def test_every_country_is_named_from_the_reference_data_in_both_languages():
    from services.dashboard.domain.labels import country

    assert (country("NL", "fr"), country("NL", "en")) == ("Pays-Bas", "Netherlands")
    # Beyond the seventeen countries the page once knew: a Polish family too.
    assert (country("PL", "fr"), country("PL", "en")) == ("Pologne", "Poland")
    assert (country("unknown", "fr"), country("ZZ", "en")) == ("non précisé", "ZZ")
