"""The `soho` command (docs/contract.md): the platform's processes (serve, relay,
smtp-sink, up: process_commands.py), the operator's commands (migrate, seed, token, dlq,
outbox, contract: operator_commands.py) and `soho <service> <command>` for the commands a service
declares.

Each command imports what it uses when it runs: `soho serve X` imports service X only,
`soho relay X` and `soho smtp-sink` no service at all (see SohoCommands)."""

import functools

import click

from soho import registry
from soho.operator_commands import ROLES, contract, dlq, migrate, outbox, seed, token
from soho.process_commands import relay, serve, smtp_sink, up

__all__ = ["ROLES", "cli", "main"]


class SohoCommands(click.Group):
    """The platform's commands, and `soho <service> <command>` for the operator commands a
    service declares (e.g. `soho prospects retention`). A service is imported only when its
    group is invoked, or when the help lists every command."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        groups = [name for name in registry.SERVICE_NAMES if _service_group(name)]
        return sorted({*super().list_commands(ctx), *groups, *TOP_LEVEL})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in registry.SERVICE_NAMES:
            return _service_group(cmd_name)
        if command is None and cmd_name in TOP_LEVEL:
            return _top_level(cmd_name)
        return command


# Service commands an operator also runs without naming the service: `soho staff invite`
# is `soho identity staff invite`.
TOP_LEVEL = {"staff": "identity"}


def _top_level(name: str) -> click.Command | None:
    group = _service_group(TOP_LEVEL[name])
    return group.commands.get(name) if group else None


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


for _command in (migrate, seed, token, dlq, outbox, contract, serve, relay, smtp_sink, up):
    cli.add_command(_command)


def main() -> None:
    cli()
