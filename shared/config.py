"""Platform settings: the contract's environment variables, read in one place."""

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "soho-development-secret-change-me-in-production"
DEFAULT_DB_POOL_SIZE = 10
DEFAULT_OUTBOX_RETENTION_HOURS = 168  # a week


class PlatformSettings(BaseSettings):
    """Read by every service and by the `soho` command (see docs/contract.md)."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    amqp_url: str = Field("amqp://guest:guest@127.0.0.1:5672/", validation_alias="AMQP_URL")
    database_url: str = Field(
        "postgresql://postgres@127.0.0.1:5432/soho", validation_alias="DATABASE_URL"
    )
    smtp_url: str | None = Field(None, validation_alias="SMTP_URL")
    # HS256 wants at least 32 bytes of key (RFC 7518 §3.2); a short secret is refused.
    secret: str = Field(DEVELOPMENT_SECRET, validation_alias="SOHO_SECRET", min_length=32)
    # The front door (deploy/caddy/Caddyfile): the one origin people use, and the base of
    # the links in emails.
    public_url: str = Field("http://127.0.0.1:8080", validation_alias="SOHO_PUBLIC_URL")
    front_port: int = Field(8080, ge=1, le=65535, validation_alias="SOHO_FRONT_PORT")

    log_level: str = Field("INFO", validation_alias="SOHO_LOG_LEVEL")
    log_format: str = Field("json", validation_alias="SOHO_LOG_FORMAT")
    host: str = Field("127.0.0.1", validation_alias="SOHO_HOST")
    max_body_bytes: int = Field(1_000_000, validation_alias="SOHO_MAX_BODY_BYTES")
    # Connections each service process may open (its pool). PostgreSQL's max_connections
    # must cover every process's pool plus the relays' (docs/deploy.md).
    db_pool_size: int = Field(DEFAULT_DB_POOL_SIZE, ge=1, le=100,
                              validation_alias="SOHO_DB_POOL_SIZE")
    # The relays delete published outbox rows older than this (at most ten years).
    outbox_retention_hours: int = Field(DEFAULT_OUTBOX_RETENTION_HOURS, ge=1, le=87_600,
                                        validation_alias="SOHO_OUTBOX_RETENTION_HOURS")


class ServiceSettings(PlatformSettings):
    """Base for each service's own `config.py`; a subclass adds its port and options."""

    port: int
