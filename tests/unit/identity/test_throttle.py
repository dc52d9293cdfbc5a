"""Fixed windows, and the growing delay of a slowed account."""

from datetime import UTC, datetime, timedelta

import pytest

from services.identity.domain.emails import normalised_email
from services.identity.domain.sessions import is_alive, needs_touch, policy_for
from services.identity.domain.throttle import Limit, retry_after, slowing_delay, window_start
from shared.roles import Role

NOW = datetime(2026, 3, 2, 10, 7, 30, tzinfo=UTC)


def test_windows_are_fixed_and_aligned():
    assert window_start(NOW, 900) == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert window_start(NOW, 3600) == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert window_start(NOW + timedelta(minutes=8), 900) == datetime(2026, 3, 2, 10, 15,
                                                                     tzinfo=UTC)


def test_retry_after_is_the_rest_of_the_window():
    assert retry_after(NOW, 900) == 450
    assert retry_after(datetime(2026, 3, 2, 10, 14, 59, 900000, tzinfo=UTC), 900) == 1


def test_limits_name_their_keys():
    assert Limit("sign_in:email", 10, 900).key("a@b.fr") == "sign_in:email:a@b.fr"


@pytest.mark.parametrize(("failures", "seconds"), [
    (0, None), (4, None), (5, 1), (6, 2), (7, 4), (14, 512), (15, 900), (100, 900),
    (10_000, 900)])
def test_slowing_grows_from_the_fifth_failure_and_is_capped(failures, seconds):
    delay = slowing_delay(failures)
    assert (delay.total_seconds() if delay else None) == seconds


def test_slowing_scales_with_its_first_delay():
    assert slowing_delay(6, first_seconds=30, max_seconds=900) == timedelta(seconds=60)


def test_sessions_idle_by_role_and_end_at_the_absolute_limit():
    staff = policy_for(Role.STAFF, staff_idle=timedelta(hours=8),
                       member_idle=timedelta(days=14), absolute=timedelta(days=30))
    solo = policy_for(Role.SOLO, staff_idle=timedelta(hours=8),
                      member_idle=timedelta(days=14), absolute=timedelta(days=30))
    assert staff.idle == timedelta(hours=8) and solo.idle == timedelta(days=14)
    expires = NOW + timedelta(days=30)
    assert is_alive(last_seen_at=NOW - timedelta(hours=7), idle=staff.idle, expires_at=expires,
                    now=NOW)
    assert not is_alive(last_seen_at=NOW - timedelta(hours=8), idle=staff.idle,
                        expires_at=expires, now=NOW)
    assert not is_alive(last_seen_at=NOW, idle=solo.idle, expires_at=NOW, now=NOW)
    assert needs_touch(NOW - timedelta(minutes=1), NOW)
    assert not needs_touch(NOW - timedelta(seconds=59), NOW)


@pytest.mark.parametrize(("text", "email"), [
    (" Camille@Example.ORG ", "camille@example.org"), ("a@b.fr", "a@b.fr"),
    ("", None), (None, None), ("nobody", None), ("a@b", None), ("a b@c.fr", None),
    ("a@b@c.fr", None), ("x" * 250 + "@b.fr", None)])
def test_addresses_are_normalised_or_refused(text, email):
    assert normalised_email(text) == email
