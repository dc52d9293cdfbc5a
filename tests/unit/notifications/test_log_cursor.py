"""The delivery log's cursors: the API's (newest first) and the staff page's (failures first)
each read back only what they wrote."""

import datetime
import uuid

import pytest

from services.notifications.domain.log_cursor import ATTENTION, Place, decode, encode, place_of

MOMENT = datetime.datetime(2026, 12, 7, 1, 30, tzinfo=datetime.UTC)


def test_each_order_reads_back_its_own_cursor():
    row = {"created_at": MOMENT, "id": uuid.uuid4(), "status": "failed"}
    api, page = place_of(row, ranked=False), place_of(row, ranked=True)
    assert decode(encode(api), ranked=False) == Place(MOMENT, row["id"])
    assert decode(encode(page), ranked=True) == Place(MOMENT, row["id"], 0)
    with pytest.raises(ValueError):
        decode(encode(api), ranked=True)
    with pytest.raises(ValueError):
        decode(encode(page), ranked=False)


@pytest.mark.parametrize("cursor", ["", "nonsense", "!!!", "MjAyNnw", encode(
    Place(datetime.datetime(2026, 1, 1), uuid.uuid4(), 1))])  # a time without its zone
def test_anything_else_is_refused(cursor):
    with pytest.raises(ValueError):
        decode(cursor, ranked=True)


def test_failures_come_first_then_waiting_then_sent_then_suppressed():
    assert sorted(ATTENTION, key=ATTENTION.get) == ["failed", "pending", "sending", "sent",
                                                    "suppressed"]
    assert ATTENTION["pending"] == ATTENTION["sending"]
