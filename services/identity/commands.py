"""What an operator runs: `soho staff invite EMAIL [--admin] [--name NAME] [--lang fr|en]`
(also `soho identity staff invite ...`): the first staff account, or any other. It opens the
account, queues the invitation email (sent by the running identity service) and prints
the link, and nothing else, on stdout."""

import asyncio

import click
from pydantic import ValidationError

from shared.db import create_pool

from .config import IdentitySettings
from .use_cases.errors import AddressTaken, InvalidEmail
from .use_cases.staff import Invitation, invite_staff


async def run_invite(settings: IdentitySettings, *, email: str, name: str, admin: bool,
                     lang: str) -> Invitation:
    pool = await create_pool(settings.database_url, "identity", max_size=1)
    try:
        async with pool.acquire() as conn, conn.transaction():
            return await invite_staff(conn, settings, email=email, name=name, admin=admin,
                                      locale=lang, client="soho staff invite")
    finally:
        await pool.close()


@click.group(help="The programme's team accounts.")
def staff() -> None:
    pass


@staff.command(short_help="Invite a staff member: emails and prints the invitation link.",
               help="Open a staff account for EMAIL (if it has none), email it an "
                    "invitation link to choose a password, and print the link. Needs the "
                    "database migrated (soho migrate); the running identity service sends "
                    "the email.")
@click.argument("email")
@click.option("--admin", is_flag=True, help="May invite and disable staff.")
@click.option("--name", default="", help="How the pages greet them.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr",
              help="The language of their emails.")
def invite(email: str, admin: bool, name: str, lang: str) -> None:
    try:
        settings = IdentitySettings()
    except ValidationError as exc:
        raise click.ClickException(f"bad configuration: {exc}") from None
    try:
        invitation = asyncio.run(run_invite(settings, email=email, name=name, admin=admin,
                                            lang=lang))
    except InvalidEmail:
        raise click.BadParameter("not an email address", param_hint="EMAIL") from None
    except AddressTaken:
        raise click.ClickException("this address belongs to a solo's or a committee's "
                                   "account") from None
    click.echo(invitation.link)


COMMANDS = [staff]
