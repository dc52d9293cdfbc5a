"""SMTP_URL, the mail server a service hands its email to."""

from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass(frozen=True)
class SmtpServer:
    hostname: str
    port: int
    use_tls: bool = False  # smtps://: TLS from the first byte
    start_tls: bool | None = None  # None: STARTTLS when the server offers it
    username: str | None = None
    password: str | None = None


def parse_smtp_url(url: str) -> SmtpServer:
    """smtp://[user:password@]host[:port][?starttls=required|never], or smtps://...
    A ValueError names what is wrong but never repeats the URL: it may hold a password."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("SMTP_URL must be smtp://host:port or smtps://host:port, "
                         f"not a {parts.scheme or 'schemeless'} URL"
                         + ("" if parts.hostname else " without a host"))
    use_tls = parts.scheme == "smtps"
    starttls = parse_qs(parts.query).get("starttls", [""])[0]
    return SmtpServer(
        parts.hostname, parts.port or (465 if use_tls else 25), use_tls,
        False if use_tls else {"required": True, "never": False}.get(starttls),
        unquote(parts.username) if parts.username else None,
        unquote(parts.password) if parts.password else None)
