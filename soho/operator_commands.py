"""The operator's commands: migrate, seed, token, dlq, outbox, contract (docs/contract.md)."""

import asyncio
import uuid
from datetime import timedelta

import click

from soho import registry
from soho.settings import load_settings

# shared.auth.Role's values (a unit test keeps them equal): importing shared.auth here
# would load FastAPI into every process, relays and the SMTP sink included.
ROLES = ("staff", "committee", "solo")


@click.command(help="Apply pending migrations and declare the bus's queues (every service, or "
                  "the ones named).")
@click.argument("services", nargs=-1)
def migrate(services: tuple[str, ...]) -> None:
    import aio_pika

    from soho.bus import declare_bus
    from soho.database import migrate as run_migrations

    settings = load_settings()
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


@click.command(help="Load the reference data into empty tables (safe to run again).")
def seed() -> None:
    from soho.database import seed as run_seed

    loaded = asyncio.run(run_seed(load_settings().database_url, registry.all_services()))
    for name, summary in loaded.items():
        click.echo(f"{name}: {summary}")


@click.command(help="Print one bearer token and nothing else.")
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
    click.echo(issue_token(load_settings().secret, role_, sub=sub, village=village, member=member,
                           ttl=timedelta(hours=ttl_hours)))


@click.group(help="Dead-lettered messages: list them, replay them.")
def dlq() -> None:
    pass


@dlq.command("list", help="Dead-letter queues of every consumer (or those named).")
@click.argument("queues", nargs=-1)
def dlq_list(queues: tuple[str, ...]) -> None:
    from soho.dlq import list_dead_letters

    names = list(queues) or registry.consumer_queues()
    found = asyncio.run(list_dead_letters(load_settings().amqp_url, names))
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
        moved = asyncio.run(replay(load_settings().amqp_url, queue))
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"replayed {moved} message(s) into {queue.removesuffix('.dlq')}")


@click.group("outbox", invoke_without_command=True,
           help="Events waiting in each service's outbox, and why they wait.")
@click.pass_context
def outbox(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from soho.outbox_status import outbox_status

    for line in asyncio.run(outbox_status(load_settings().database_url, registry.all_services())):
        click.echo(line)


@outbox.command("prune", help="Delete the events published more than "
                "SOHO_OUTBOX_RETENTION_HOURS ago (the relays do it every 5 minutes).")
@click.option("--older-than-hours", type=click.IntRange(min=1), default=None,
              help="Override SOHO_OUTBOX_RETENTION_HOURS.")
def outbox_prune(older_than_hours: int | None) -> None:
    from soho.outbox_status import prune_outboxes

    settings = load_settings()
    hours = settings.outbox_retention_hours if older_than_hours is None else older_than_hours
    for line in asyncio.run(prune_outboxes(settings.database_url, registry.all_services(),
                                           hours)):
        click.echo(line)




@click.command(help="Print the events part of the contract, generated from the event models "
                    "and the services; --write puts it into docs/contract.md.")
@click.option("--write", is_flag=True, help="Rewrite the generated part of docs/contract.md.")
def contract(write: bool) -> None:
    from soho.contract import CONTRACT_FILE, contract_with_events, events_markdown

    if not write:
        click.echo(events_markdown())
        return
    CONTRACT_FILE.write_text(contract_with_events(CONTRACT_FILE.read_text()))
    click.echo(f"wrote the events of {CONTRACT_FILE}")
