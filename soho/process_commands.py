"""The long-running processes that `soho up` starts, one command each: serve, relay,
smtp-sink, and up itself. Each imports what it runs when it runs."""

import asyncio
import os
import signal
import sys
from pathlib import Path

import click

from soho import registry
from soho.network import SMTP_SINK_HOST
from soho.settings import load_settings


@click.command(help="Run one service's HTTP API and event consumers.")
@click.argument("service", type=click.Choice(registry.SERVICE_NAMES))
def serve(service: str) -> None:
    import uvicorn

    from shared.http.app import create_app
    from soho.stopping import BoundedStopServer

    definition = registry.load(service)
    settings = load_settings(definition.settings)
    # uvicorn believes X-Forwarded-For (the visitor's address, which the per-address limits
    # count) only from the addresses in FORWARDED_ALLOW_IPS: 127.0.0.1 unless set, the
    # front door of `soho up`; compose and Kubernetes set their proxy's.
    app = create_app(definition, settings)
    BoundedStopServer(uvicorn.Config(app, host=settings.host, port=settings.port,
                                     log_config=None, timeout_graceful_shutdown=5,
                                     server_header=False)).run()


@click.command(help="Run one service's outbox relay; with --check, say whether the one running "
                    "is alive (exit 0) or stuck (exit 1), from its heartbeat file.")
@click.argument("service", type=click.Choice(registry.SERVICE_NAMES))
@click.option("--heartbeat-file", type=click.Path(path_type=Path),
              help="The file the relay refreshes as its loop turns [default: "
                   "$SOHO_RELAY_HEARTBEAT_DIR, else $TMPDIR or /tmp, /soho-relay-SERVICE.heartbeat].")
@click.option("--check", is_flag=True, help="Check the running relay's heartbeat and exit.")
@click.option("--max-age", type=click.FloatRange(min=0.1), default=None,
              help="With --check: seconds without a beat after which the relay is stuck "
                   "[default: 30].")
def relay(service: str, heartbeat_file: Path | None, check: bool, max_age: float | None) -> None:
    from shared.outbox.heartbeat import (DEFAULT_MAX_AGE_SECONDS, default_heartbeat_file,
                                         heartbeat_age)

    heartbeat_file = heartbeat_file or default_heartbeat_file(service)
    if check:
        limit = DEFAULT_MAX_AGE_SECONDS if max_age is None else max_age
        age = heartbeat_age(heartbeat_file)
        if age is None:
            raise click.ClickException(f"{service} relay: no heartbeat at {heartbeat_file} "
                                       "(not started, or another heartbeat file)")
        if age > limit:
            raise click.ClickException(f"{service} relay: stuck, no heartbeat for {age:.1f} s "
                                       f"(limit {limit:g} s)")
        click.echo(f"{service} relay: alive (beat {age:.1f} s ago)")
        return
    _run_relay(service, heartbeat_file)


def _run_relay(service: str, heartbeat_file: Path) -> None:
    from shared.logs import configure_logging
    from shared.outbox.relay import OutboxRelay, RelayConfig

    # The relay reads the platform's settings only and the outbox in the service's schema,
    # named as the service (ServiceDefinition.schema): it needs no import of the service.
    settings = load_settings()
    configure_logging(f"{service}-relay", settings.log_level, settings.log_format)

    async def run() -> None:
        from soho.stopping import HARD_STOP_SECONDS, arm_watchdog

        stop = asyncio.Event()

        def stopping() -> None:
            if not stop.is_set():
                arm_watchdog(HARD_STOP_SECONDS, "relay")
            stop.set()

        for sig in (signal.SIGINT, signal.SIGTERM):
            asyncio.get_running_loop().add_signal_handler(sig, stopping)
        await OutboxRelay(RelayConfig(settings.database_url, settings.amqp_url, schema=service,
                                      retention_hours=settings.outbox_retention_hours,
                                      heartbeat_file=heartbeat_file)).run(stop)

    asyncio.run(run())


@click.command("smtp-sink", help="Run the development SMTP sink.")
@click.option("--port", type=int, default=lambda: int(os.environ.get("SOHO_SMTP_SINK_PORT", 1025)))
@click.option("--maildir", type=click.Path(path_type=Path), default=Path("var/mail"))
def smtp_sink(port: int, maildir: Path) -> None:
    from soho.smtp_sink import run_sink

    run_sink(SMTP_SINK_HOST, port, maildir)


@click.command(help="Migrate, seed, then run every service and relay until Ctrl-C.")
@click.option("--replicas", type=click.IntRange(1, 8), default=1, show_default=True,
              help="Copies of each service (HTTP, consumers, periodic jobs) and of each outbox "
                   "relay. Copy 1 keeps the service's port; copy r listens on that port + "
                   "100 x (r - 1), e.g. 8100-8104 for copy 2.")
@click.option("--colour/--no-colour", default=lambda: sys.stdout.isatty())
def up(replicas: int, colour: bool) -> None:
    from soho.startup import run_platform

    sys.exit(run_platform(load_settings(), replicas=replicas, colour=colour))


