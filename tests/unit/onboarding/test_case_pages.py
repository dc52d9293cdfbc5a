"""The staff's case pages without I/O: the list's cursor and filters, the forms' checks,
the checklist as shown (what a step waits for, how late it is), the map of the Gers."""

import datetime
import uuid

import pytest
from starlette.datastructures import QueryParams

from services.onboarding.use_cases.case_list import BadCursor, read_cursor
from services.onboarding.web.cases_forms import read_form
from services.onboarding.web.cases_list import read_filters
from services.onboarding.web.cases_view import lateness, step_views
from shared.web.gers_map import PADDING, WIDTH, gers_map

DAY = datetime.date(2026, 12, 7)


def test_a_cursor_reads_back_and_a_made_up_one_is_refused():
    case_id = uuid.uuid4()
    assert read_cursor(f"3.2026-12-01.{case_id}") == (3, datetime.date(2026, 12, 1), case_id)
    for bad in ("", "x", "1.2026-13-01." + str(case_id), f"-1.2026-12-01.{case_id}",
                "1.2026-12-01.nope", f"1.2.3.{case_id}"):
        with pytest.raises(BadCursor):
            read_cursor(bad)


def test_filters_default_to_open_cases_overdue_first_and_drop_what_is_not_understood():
    query, values, errors = read_filters(QueryParams(""), "fr")
    assert (query.status, query.by_step, query.assigned_to, query.unassigned) == \
        ("open", False, None, False) and errors == []
    query, _, _ = read_filters(QueryParams("status=all&assignee=to:Paul&sort=step"), "en")
    assert (query.status, query.assigned_to, query.by_step) == (None, "Paul", True)
    assert read_filters(QueryParams("assignee=none"), "fr")[0].unassigned
    query, values, errors = read_filters(QueryParams("status=lost&assignee=Paul&sort=x"), "fr")
    assert query.status == "open" and query.assigned_to is None and values["sort"] == "due"
    assert [e[0] for e in errors] == ["filter-status", "filter-sort", "filter-assignee"]
    # A cursor of the other order starts the list again.
    _, values, errors = read_filters(QueryParams(f"sort=step&after=0.2026-12-01.{uuid.uuid4()}"),
                                     "fr")
    assert values["after"] == "" and errors[0][0] == "cases"


def test_forms_name_each_bad_field_and_keep_what_was_typed():
    revision = datetime.datetime(2026, 12, 7, 10, tzinfo=datetime.UTC).isoformat()
    posted = read_form("install", {"village": "75056", "installed_on": "2026-02-31",
                                   "household_size": "100", "revision": revision}, "fr")
    assert [e[0] for e in posted.errors] == ["village", "installed_on", "household_size"]
    assert posted.values["installed_on"] == "2026-02-31" and not posted.stale
    good = read_form("install", {"village": "32233", "installed_on": "2026-03-01",
                                 "household_size": "3", "revision": revision}, "en")
    assert good.errors == [] and good.revision.tzinfo is not None
    skip = read_form("skip", {"reason": "  ", "revision": revision}, "fr", key="housing_found")
    assert skip.errors[0][0] == "reason-housing_found"
    assert read_form("abandon", {"reason": "x" * 501, "revision": revision}, "fr").errors
    assert read_form("assignee", {"assigned_to": "", "revision": revision}, "fr").errors == []
    assert read_form("complete", {"revision": "yesterday"}, "fr").stale
    assert read_form("complete", {"revision": "2026-12-07T10:00:00"}, "fr").stale, \
        "a revision without its time zone is not one the page wrote"


def test_the_checklist_says_what_each_step_waits_for_and_how_late_it_is():
    def row(key, status="pending", prerequisites=(), due=DAY):
        return {"key": key, "status": status, "prerequisites": list(prerequisites),
                "due_on": due, "owner_role": "adviser", "resolved_at": None,
                "resolved_by": None, "skip_reason": None, "note": None}

    steps = step_views([row("discovery_visit", due=DAY - datetime.timedelta(days=4)),
                        row("village_chosen", prerequisites=["discovery_visit"]),
                        row("housing_found", "done", ["village_chosen"])], "fr", DAY)
    visit, village, housing = steps
    assert visit.overdue and visit.late == "En retard de 4 jours" and visit.can_complete
    assert village.waits_for == ["Visite de découverte"] and not village.can_complete
    assert village.late == "Pour aujourd'hui" and not village.overdue
    assert village.needed_by == ["Logement trouvé"] and housing.late is None
    assert lateness(DAY - datetime.timedelta(days=1), DAY, "en") == "1 day overdue"
    assert lateness(DAY + datetime.timedelta(days=1), DAY, "en") is None


def test_the_map_marks_the_communes_asked_in_order_inside_the_frame():
    drawn = gers_map(["32233", "99999", "32013"])
    assert [m.name for m in drawn.markers] == ["Marciac", "Auch"]
    assert drawn.width == WIDTH and drawn.height > 2 * PADDING
    for m in drawn.markers:
        assert PADDING <= m.x <= WIDTH - PADDING and PADDING <= m.y <= drawn.height - PADDING
    marciac, auch = drawn.markers
    assert marciac.x < auch.x and marciac.y > auch.y, "Marciac lies south-west of Auch"
    assert (auch.x, auch.y) == drawn.prefecture
    assert drawn.communes_path.count("M") > 400
