"""What `soho up` does, in order: check, migrate, seed, start, announce, supervise."""

import asyncio
import os

import click
import httpx

from shared.config import PlatformSettings
from soho import registry
from soho.database import migrate, seed
from soho.supervisor import COLOURS, Child, Supervisor, child_command, child_env

HEALTH_DEADLINE = 60.0


def run_platform(settings: PlatformSettings, *, replicas: int, colour: bool) -> int:
    from soho.cli import SMTP_SINK_HOST, port_in_use

    services = registry.all_services()
    ports = {s.name: s.settings().port for s in services}
    extra_env: dict[str, str] = {}
    sink_port = int(os.environ.get("SOHO_SMTP_SINK_PORT", 1025))
    if not settings.smtp_url:
        ports["smtp-sink"] = sink_port
        extra_env["SMTP_URL"] = f"smtp://{SMTP_SINK_HOST}:{sink_port}"
    if "NOTIFICATIONS_UNSUBSCRIBE_URL" not in os.environ:
        # Emails link to SOHO_PUBLIC_URL (prospects); in production a reverse proxy sends
        # /unsubscribe to notifications. Locally there is none: link to notifications itself.
        extra_env["NOTIFICATIONS_UNSUBSCRIBE_URL"] = (
            f"http://{settings.host}:{ports['notifications']}/unsubscribe")
    busy = [f"{name} ({port})" for name, port in ports.items() if port_in_use(settings.host, port)]
    if busy:
        click.echo(f"soho up: ports already in use: {', '.join(busy)}. Is another "
                   "`soho up` running? Stop it, or set <SERVICE>_PORT.", err=True)
        return 2
    try:
        for name, applied in migrate(settings.database_url, services).items():
            click.echo(f"migrate {name}: {', '.join(applied) or 'up to date'}")
        for name, summary in asyncio.run(seed(settings.database_url, services)).items():
            click.echo(f"seed {name}: {summary}")
    except Exception as exc:
        click.echo(f"soho up: cannot prepare the database at {settings.database_url}: {exc}",
                   err=True)
        return 1

    children: list[Child] = []
    env = child_env(extra_env)
    if "smtp-sink" in ports:
        children.append(Child("smtp-sink", child_command("smtp-sink", "--port", str(sink_port)),
                              env, COLOURS[-1]))
    for i, service in enumerate(services):
        children.append(Child(service.name, child_command("serve", service.name), env,
                              COLOURS[i]))
        for r in range(replicas):
            name = f"{service.name}-relay" + (f"-{r + 1}" if replicas > 1 else "")
            children.append(Child(name, child_command("relay", service.name), env, COLOURS[i]))

    async def run() -> None:
        supervisor = Supervisor(children, colour=colour)
        announcer = asyncio.create_task(_announce_when_healthy(supervisor, settings, ports))
        await supervisor.run()
        announcer.cancel()

    asyncio.run(run())
    return 0


async def _announce_when_healthy(supervisor: Supervisor, settings: PlatformSettings,
                                 ports: dict[str, int]) -> None:
    urls = {name: f"http://{settings.host}:{port}" for name, port in ports.items()
            if name != "smtp-sink"}
    loop = asyncio.get_running_loop()
    deadline = loop.time() + HEALTH_DEADLINE
    pending = dict(urls)
    async with httpx.AsyncClient(timeout=1.0) as client:
        while pending and loop.time() < deadline:
            for name, url in list(pending.items()):
                try:
                    if (await client.get(f"{url}/health")).status_code == 200:
                        del pending[name]
                except httpx.HTTPError:
                    pass
            await asyncio.sleep(0.3)
    if pending:
        supervisor.say("soho", f"not answering after {HEALTH_DEADLINE:.0f}s: "
                               f"{', '.join(pending)}", "91")
    supervisor.say("soho", "the platform is up:")
    for name, url in urls.items():
        supervisor.say("soho", f"  {name:<14} {url}/   (API docs {url}/docs)")
    if "smtp-sink" in ports:
        supervisor.say("soho", f"  {'smtp-sink':<14} smtp://127.0.0.1:{ports['smtp-sink']} "
                               "(messages kept in var/mail/)")
    supervisor.say("soho", "Ctrl-C stops everything.")
