"""The operator commands, run as `soho dashboard <command>`: `rebuild`."""

import asyncio

import click
from pydantic import ValidationError

from shared.logs import configure_logging

from .config import DashboardSettings
from .use_cases.errors import RebuildIncomplete, RebuildRunning
from .use_cases.rebuild import rebuild


@click.command("rebuild", help="Replay every event of the stream soho.events.log into fresh "
                               "projections and swap them in (the figures are recomputed).")
@click.option("--idle-seconds", type=float, default=None,
              help="Stop waiting for the stream after this long without a message "
                   "(default: DASHBOARD_REBUILD_IDLE, 5 s).")
@click.option("--accept-missing", is_flag=True,
              help="Swap even when events the live consumers handled are no longer in the "
                   "stream (truncated by its size limit): their effect on the figures is lost.")
def rebuild_command(idle_seconds: float | None, accept_missing: bool) -> None:
    try:
        settings = DashboardSettings()
    except ValidationError as exc:
        raise click.ClickException(f"bad configuration: {exc}") from None
    configure_logging("dashboard-rebuild", settings.log_level, settings.log_format)
    try:
        counts = asyncio.run(rebuild(settings.database_url, settings.amqp_url,
                                     idle_seconds=idle_seconds or settings.rebuild_idle_seconds,
                                     accept_missing=accept_missing))
    except (RebuildIncomplete, RebuildRunning) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"replayed {counts.read} message(s) up to offset {counts.last_offset}: "
               f"{counts.applied} event(s) applied, {counts.duplicates} duplicate(s), "
               f"{counts.skipped} skipped (other types or malformed), {counts.failed} failed; "
               "fresh figures swapped in")
