"""The public site's figures are a few of the staff's, never counted another way: solos
installed, new inhabitants, villages, and the countries installed households came from
(a country nobody installed from, or none given, does not count)."""

import datetime

from services.dashboard.domain.key_figures import StageCounts
from services.dashboard.domain.public_figures import public_figures
from services.dashboard.domain.reading import assemble

NOW = datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC)  # the 7th in Paris


def test_a_few_of_the_staff_figures_as_of_the_paris_date():
    staff = assemble([], now=NOW, today=datetime.date(2026, 12, 7), last_event_at=None)
    staff = staff.model_copy(update={
        "installed_solos": 12, "new_inhabitants": 31, "villages_with_solos": 7,
        "origin_countries": [StageCounts(key="NL", prospects=5, qualified=3, installed=2),
                             StageCounts(key="BE", prospects=2, qualified=1, installed=1),
                             StageCounts(key="GB", prospects=4, qualified=2, installed=0),
                             StageCounts(key="unknown", prospects=9, qualified=1, installed=3)]})
    public = public_figures(staff)
    assert {f.key: f.value for f in public.figures} == {
        "installed_solos": 12, "new_inhabitants": 31, "villages_with_solos": 7,
        "origin_countries": 2}
    assert [f.key for f in public.figures][0] == "installed_solos"
    assert public.as_of == datetime.date(2026, 12, 7)


def test_nothing_yet_is_all_zeros():
    empty = assemble([], now=NOW, today=datetime.date(2026, 12, 7), last_event_at=None)
    assert all(f.value == 0 for f in public_figures(empty).figures)
