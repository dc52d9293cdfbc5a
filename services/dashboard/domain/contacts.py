"""Contacts (each form, call, email or meeting) and notifications (each message sent or
failed), counted once per contact id and per notification id."""

import dataclasses
from dataclasses import dataclass

from .tally import Dimension, Tally, by, total
from .versions import newer


@dataclass(frozen=True)
class ContactState:
    known: bool = False
    channel: str | None = None
    version: str = ""


def contact_with(state: ContactState, channel: str, contact_version: str) -> ContactState:
    if not newer(contact_version, state.version):
        return state
    return ContactState(True, channel, contact_version)


def contact_contributions(state: ContactState) -> Tally:
    tally: Tally = Tally()
    if state.known:
        tally[total("contacts")] += 1
        tally[by(Dimension.CHANNEL, state.channel, "contacts")] += 1
    return tally


@dataclass(frozen=True)
class NotificationState:
    sent: bool = False
    failed: bool = False
    channel: str | None = None
    version: str = ""


def notification_with(state: NotificationState, *, sent: bool, channel: str,
                      notification_version: str) -> NotificationState:
    changes: dict = {"sent": state.sent or sent, "failed": state.failed or not sent}
    if newer(notification_version, state.version):
        changes |= {"channel": channel[:40], "version": notification_version}
    return dataclasses.replace(state, **changes)


def notification_contributions(state: NotificationState) -> Tally:
    """A message that failed and was later sent counts as sent."""
    tally: Tally = Tally()
    outcome = "sent" if state.sent else "failed" if state.failed else None
    if outcome:
        tally[total(f"notifications_{outcome}")] += 1
        tally[by(Dimension.NOTIFICATION_CHANNEL, state.channel, outcome)] += 1
    return tally
