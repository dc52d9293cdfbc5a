"""The key figures export: one row per figure, French and English labels, value, unit and
the date the figures are as of; the same values as the API."""

import csv
import io

from .conftest import kpis, today


async def test_the_csv_export_has_one_row_per_figure_in_both_languages(dashboard):
    figures = await kpis(dashboard)
    answer = await dashboard.client.get("/api/kpis.csv", headers=dashboard.staff())
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert f"soho-solo-key-figures-{today().isoformat()}.csv" in \
        answer.headers["content-disposition"]
    text = answer.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert list(rows[0]) == ["figure", "label_fr", "label_en", "value", "unit", "as_of"]
    by_figure = {row["figure"]: row for row in rows}
    assert len(by_figure) == len(rows), "one row per figure"
    for name in ("contacts", "prospects", "qualified", "installed_solos", "new_inhabitants",
                 "villages_with_solos", "bookings", "members"):
        assert by_figure[name]["value"] == str(figures[name])
    assert by_figure["contacts"]["label_fr"] == "Contacts reçus"
    assert by_figure["contacts"]["label_en"] == "Contacts received"
    assert by_figure["conversion_rate"]["unit"] == "%"
    assert by_figure["conversion_rate"]["value"] == f"{figures['conversion_rate'] * 100:.1f}"
    assert {row["as_of"] for row in rows} == {today().isoformat()}
    for code, count in figures["by_origin_country"].items():
        assert by_figure[f"prospects.origin_country.{code}"]["value"] == str(count)
