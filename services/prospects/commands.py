"""What an operator runs as `soho prospects <command>`.

`soho prospects retention`: anonymise prospects with no contact for three years (CNIL's
guidance for prospecting data), configurable; safe to run daily, and twice at once. The
work is use_cases.erasure.apply_retention, its SQL store/erasure.py."""

import asyncio
from datetime import UTC, datetime, timedelta

import click
from pydantic import ValidationError

from shared.db import create_pool

from .config import ProspectsSettings
from .use_cases.erasure import RetentionReport, apply_retention


async def run_retention(settings: ProspectsSettings, *, now: datetime,
                        dry_run: bool = False) -> RetentionReport:
    pool = await create_pool(settings.database_url, "prospects", max_size=2)
    try:
        return await apply_retention(
            pool, now=now, retention=timedelta(days=settings.retention_days),
            idempotency_ttl=timedelta(days=settings.idempotency_days), dry_run=dry_run)
    finally:
        await pool.close()


@click.command(short_help="Anonymise prospects with no contact for 3 years (configurable).",
               help="Anonymise prospects with no contact for PROSPECTS_RETENTION_DAYS "
                    "(default 3 years) and publish prospect.erased for each.")
@click.option("--days", type=click.IntRange(min=1), default=None,
              help="Override PROSPECTS_RETENTION_DAYS.")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
              default=None, help="Judge inactivity as of this UTC date (default: now).")
@click.option("--dry-run", is_flag=True, help="Count who would be anonymised; change nothing.")
def retention(days: int | None, as_of: datetime | None, dry_run: bool) -> None:
    try:
        settings = ProspectsSettings()
    except ValidationError as exc:
        raise click.ClickException(f"bad configuration: {exc}") from None
    if days is not None:
        settings = settings.model_copy(update={"retention_days": days})
    now = as_of.replace(tzinfo=UTC) if as_of else datetime.now(UTC)
    report = asyncio.run(run_retention(settings, now=now, dry_run=dry_run))
    verb = "would anonymise" if dry_run else "anonymised"
    click.echo(f"{verb} {report.anonymised} prospect(s) with no contact since "
               f"{report.cutoff:%Y-%m-%d}; forgot {report.idempotency_keys_forgotten} "
               "idempotency key(s)")
