"""The `soho` command (see CONTRACT.md): up, migrate, seed, token, dlq, and the single
processes that `soho up` runs (serve, relay, smtp-sink).

Each command imports what it uses when it runs: `soho serve X` imports service X only,
`soho relay X` and `soho smtp-sink` no service at all (see SohoCommands)."""

import asyncio
import functools
import os
import signal
import socket
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import click
from pydantic import ValidationError

from shared.config import PlatformSettings
from soho import registry

SMTP_SINK_HOST = "127.0.0.1"
# shared.auth.Role's values (a unit test keeps them equal): importing shared.auth here
# would load FastAPI into every process, relays and the SMTP sink included.
ROLES = ("staff", "committee", "solo")


def _settings(cls: type[PlatformSettings] = PlatformSettings) -> PlatformSettings:
    """Settings from the environment, or a clear message naming the bad variable."""
    try:
        return cls()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise click.ClickException(f"bad configuration: {problems}") from None


class SohoCommands(click.Group):
    """The platform's commands, and `soho <service> <command>` for the operator commands a
    service declares (e.g. `soho prospects retention`). A service is imported only when its
    group is invoked, or when the help lists every command."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        groups = [name for name in registry.SERVICE_NAMES if _service_group(name)]
        return sorted({*super().list_commands(ctx), *groups})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in registry.SERVICE_NAMES:
            return _service_group(cmd_name)
        return command


@functools.cache
def _service_group(name: str) -> click.Group | None:
    definition = registry.load(name)
    if not definition.commands:
        return None
    group = click.Group(name, help=f"Operator commands of the {name} service.")
    for command in definition.commands:
        group.add_command(command)
    return group


@click.group(cls=SohoCommands, help="Soho Solo platform: run it, migrate it, seed it, operate it.")
def cli() -> None:
    pass


@cli.command(help="Apply pending migrations and declare the bus's queues (every service, or "
                  "the ones named).")
@click.argument("services", nargs=-1)
def migrate(services: tuple[str, ...]) -> None:
    import aio_pika

    from soho.bus import declare_bus
    from soho.database import migrate as run_migrations

    settings = _settings()
    definitions = [registry.load(n) for n in services] if services else registry.all_services()
    for name, applied in run_migrations(settings.database_url, definitions).items():
        click.echo(f"{name}: {', '.join(applied) if applied else 'up to date'}")
    try:
        queues = asyncio.run(declare_bus(settings.amqp_url, definitions))
    except (OSError, asyncio.TimeoutError, aio_pika.exceptions.AMQPError) as exc:
        raise click.ClickException(
            f"the database is migrated, but RabbitMQ could not be reached to declare the "
            f"bus ({type(exc).__name__}: {exc}); run `soho migrate` again once it is up"
        ) from None
    click.echo(f"bus: {queues} consumer queues declared, each with its dead-letter queue")


@cli.command(help="Load the reference data into empty tables (safe to run again).")
def seed() -> None:
    from soho.database import seed as run_seed

    loaded = asyncio.run(run_seed(_settings().database_url, registry.all_services()))
    for name, summary in loaded.items():
        click.echo(f"{name}: {summary}")


@cli.command(help="Print one bearer token and nothing else.")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--sub", help="Who it is for (staff: a name).")
@click.option("--village", help="Committee tokens: the village's INSEE code.")
@click.option("--member", help="Solo tokens: the member id.")
@click.option("--ttl-hours", type=float, default=12.0, show_default=True)
def token(role: str, sub: str | None, village: str | None, member: str | None,
          ttl_hours: float) -> None:
    from shared.auth import Role, issue_token

    role_ = Role(role)
    if role_ is Role.COMMITTEE and not village:
        raise click.UsageError("--role committee needs --village INSEE")
    if role_ is Role.SOLO:
        if not member:
            raise click.UsageError("--role solo needs --member MEMBER_ID")
        try:
            uuid.UUID(member)
        except ValueError:
            raise click.UsageError("--member must be a member id (a UUID)") from None
    click.echo(issue_token(_settings().secret, role_, sub=sub, village=village, member=member,
                           ttl=timedelta(hours=ttl_hours)))


@cli.group(help="Dead-lettered messages: list them, replay them.")
def dlq() -> None:
    pass


@dlq.command("list", help="Dead-letter queues of every consumer (or those named).")
@click.argument("queues", nargs=-1)
def dlq_list(queues: tuple[str, ...]) -> None:
    from soho.dlq import list_dead_letters

    names = list(queues) or registry.consumer_queues()
    found = asyncio.run(list_dead_letters(_settings().amqp_url, names))
    if not found:
        click.echo("no dead-letter queues")
    for q in found:
        click.echo(f"{q.name}\t{q.count} message(s)")
        for m in q.messages:
            click.echo(f"  {m.message_id}\t{m.event_type}\t{m.reason}\tdeaths={m.deaths}")


@dlq.command("replay", help="Re-publish QUEUE's dead letters to QUEUE (QUEUE or QUEUE.dlq).")
@click.argument("queue")
def dlq_replay(queue: str) -> None:
    from soho.dlq import replay

    try:
        moved = asyncio.run(replay(_settings().amqp_url, queue))
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"replayed {moved} message(s) into {queue.removesuffix('.dlq')}")


@cli.group("outbox", invoke_without_command=True,
           help="Events waiting in each service's outbox, and why they wait.")
@click.pass_context
def outbox(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from soho.outbox_status import outbox_status

    for line in asyncio.run(outbox_status(_settings().database_url, registry.all_services())):
        click.echo(line)


@outbox.command("prune", help="Delete the events published more than "
                "SOHO_OUTBOX_RETENTION_HOURS ago (the relays do it every 5 minutes).")
@click.option("--older-than-hours", type=click.IntRange(min=1), default=None,
              help="Override SOHO_OUTBOX_RETENTION_HOURS.")
def outbox_prune(older_than_hours: int | None) -> None:
    from soho.outbox_status import prune_outboxes

    settings = _settings()
    hours = settings.outbox_retention_hours if older_than_hours is None else older_than_hours
    for line in asyncio.run(prune_outboxes(settings.database_url, registry.all_services(),
                                           hours)):
        click.echo(line)


@cli.command(help="Run one service's HTTP API and event consumers.")
@click.argument("service", type=click.Choice(registry.SERVICE_NAMES))
def serve(service: str) -> None:
    import uvicorn

    from shared.http.app import create_app
    from soho.stopping import BoundedStopServer

    definition = registry.load(service)
    settings = _settings(definition.settings)
    app = create_app(definition, settings)
    BoundedStopServer(uvicorn.Config(app, host=settings.host, port=settings.port,
                                     log_config=None, timeout_graceful_shutdown=5,
                                     server_header=False)).run()


@cli.command(help="Run one service's outbox relay.")
@click.argument("service", type=click.Choice(registry.SERVICE_NAMES))
def relay(service: str) -> None:
    from shared.logs import configure_logging
    from shared.outbox.relay import OutboxRelay, RelayConfig

    # The relay reads the platform's settings only and the outbox in the service's schema,
    # named as the service (ServiceDefinition.schema): it needs no import of the service.
    settings = _settings()
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
                                      retention_hours=settings.outbox_retention_hours)).run(stop)

    asyncio.run(run())


@cli.command("smtp-sink", help="Run the development SMTP sink.")
@click.option("--port", type=int, default=lambda: int(os.environ.get("SOHO_SMTP_SINK_PORT", 1025)))
@click.option("--maildir", type=click.Path(path_type=Path), default=Path("var/mail"))
def smtp_sink(port: int, maildir: Path) -> None:
    from soho.smtp_sink import run_sink

    run_sink(SMTP_SINK_HOST, port, maildir)


@cli.command(help="Migrate, seed, then run every service and relay until Ctrl-C.")
@click.option("--replicas", type=click.IntRange(1, 8), default=1, show_default=True,
              help="Copies of each service (HTTP, consumers, periodic jobs) and of each outbox "
                   "relay. Copy 1 keeps the service's port; copy r listens on that port + "
                   "100 x (r - 1), e.g. 8100-8104 for copy 2.")
@click.option("--colour/--no-colour", default=lambda: sys.stdout.isatty())
def up(replicas: int, colour: bool) -> None:
    from soho.startup import run_platform

    sys.exit(run_platform(_settings(), replicas=replicas, colour=colour))


def port_in_use(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def main() -> None:
    cli()
