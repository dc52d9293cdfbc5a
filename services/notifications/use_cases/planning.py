"""From an event to stored messages, inside the handler's inbox transaction: learn who is
who, decide who hears what, render, and insert pending deliveries. Nothing is sent here:
a down mail server never holds up the queue."""

import uuid
from dataclasses import dataclass
from email.utils import make_msgid
from typing import Any

import asyncpg
import structlog

from ..adapters.templating import CATALOG, Renderer
from ..config import NotificationsSettings
from ..domain.audience import Planned, Staff
from ..domain.templates import language
from ..domain.unsubscribe import address_hash, make_token
from ..store import deliveries, suppressions, templates
from ..store.deliveries import NewDelivery

log = structlog.get_logger("soho.notifications")


@dataclass
class Planner:
    settings: NotificationsSettings
    renderer: Renderer

    @classmethod
    def from_settings(cls, settings: NotificationsSettings) -> "Planner":
        """Rendering from the files under templates/ (and the staff's overrides)."""
        return cls(settings, Renderer())

    @property
    def staff(self) -> Staff:
        s = self.settings
        contact = s.reply_to or (s.staff_emails[0] if s.staff_emails else s.sender)
        return Staff(tuple(s.staff_emails), s.staff_locale, contact)

    async def store_all(self, conn: asyncpg.Connection, event_id: uuid.UUID, event_type: str,
                        plan: list[Planned]) -> int:
        """Inserts what is not there yet; returns how many new messages."""
        new = 0
        for planned in plan:
            if await deliveries.insert(conn, await self._delivery(conn, event_id, event_type,
                                                                   planned)):
                new += 1
        return new

    async def _delivery(self, conn: asyncpg.Connection, event_id: uuid.UUID, event_type: str,
                        p: Planned) -> NewDelivery:
        recipient = p.recipient.strip().lower() if p.channel == "email" else p.recipient
        common = dict(event_id=event_id, event_type=event_type, recipient=recipient,
                      channel=p.channel, template=p.template, locale=language(p.locale),
                      village=p.village, prospect_id=p.prospect_id)
        if p.channel == "webhook":
            return NewDelivery(**common, target=p.target,
                               payload={**p.payload, "event_id": str(event_id)})
        info = CATALOG[p.template]
        status, note, unsubscribe_url = "pending", None, None
        if not info.essential and info.stream:
            token = make_token(self.settings.secret, recipient, info.stream)
            unsubscribe_url = f"{self.settings.unsubscribe_base}/{token}"
            if await suppressions.is_suppressed(conn, address_hash(recipient), info.stream):
                status, note = "suppressed", f"the recipient left the {info.stream!r} list"
        context: dict[str, Any] = {"public_url": self.settings.public_url,
                                   "unsubscribe_url": unsubscribe_url,
                                   "staff_contact": self.staff.contact, **p.context}
        override = await templates.override(conn, p.template, language(p.locale))
        try:
            rendered = self.renderer.render(p.template, p.locale, context, override)
        except Exception as exc:  # noqa: BLE001
            if override is None:
                raise
            # A staff override that fails on real values must not hold the message back.
            log.error("notifications.override_failed", template=p.template, error=str(exc))
            rendered = self.renderer.render(p.template, p.locale, context)
        return NewDelivery(**common, message_id=make_msgid(domain=self.settings.sender_domain),
                           subject=rendered.subject, body_text=rendered.text,
                           body_html=rendered.html, attachments=p.attachments,
                           unsubscribe_url=unsubscribe_url, status=status, note=note)
