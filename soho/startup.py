"""What `soho up` does, in order: check, migrate, seed, start, announce, supervise."""

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

import click
import httpx

from shared.config import PlatformSettings
from shared.outbox.heartbeat import default_heartbeat_file
from shared.service import ServiceDefinition
from soho import front_door, registry
from soho.bus import declare_bus
from soho.database import migrate, seed
from soho.network import SMTP_SINK_HOST, port_in_use
from soho.supervisor import COLOURS, Child, Supervisor, child_command, child_env

HEALTH_DEADLINE = 60.0
# Copy r of a service (`soho up --replicas N`) listens on its port + REPLICA_PORT_STEP * (r - 1):
# the first copy keeps the contract's port (8001), the second takes 8101, and so on.
REPLICA_PORT_STEP = 100


@dataclass(frozen=True)
class Copy:
    """One `soho serve` process of a service: its label in the logs and its port."""

    service: ServiceDefinition
    number: int
    label: str
    port: int

    @property
    def port_variable(self) -> str:
        """The service's own port variable (e.g. PROSPECTS_PORT), read from its settings."""
        return self.service.settings.model_fields["port"].validation_alias


def replica_port(port: int, number: int) -> int:
    return port + REPLICA_PORT_STEP * (number - 1)


def service_copies(services: list[ServiceDefinition], replicas: int) -> list[Copy]:
    copies = []
    for service in services:
        port = service.settings().port
        for number in range(1, replicas + 1):
            label = service.name if replicas == 1 else f"{service.name}-{number}"
            copies.append(Copy(service, number, label, replica_port(port, number)))
    return copies


def run_platform(settings: PlatformSettings, *, replicas: int, colour: bool) -> int:
    services = registry.all_services()
    copies = service_copies(services, replicas)
    ports = {c.label: c.port for c in copies}
    extra_env: dict[str, str] = {}
    sink_port = int(os.environ.get("SOHO_SMTP_SINK_PORT", 1025))
    if not settings.smtp_url:
        ports["smtp-sink"] = sink_port
        extra_env["SMTP_URL"] = f"smtp://{SMTP_SINK_HOST}:{sink_port}"
    caddy = front_door.caddy()
    if caddy is None:
        click.echo(front_door.MISSING, err=True)
        return 2
    ports["front-door"] = settings.front_port
    if "SOHO_PUBLIC_URL" not in os.environ:  # links in emails go through the front door
        extra_env["SOHO_PUBLIC_URL"] = f"http://{settings.host}:{settings.front_port}"
    shared = sorted({p for p in ports.values() if list(ports.values()).count(p) > 1})
    if shared:
        click.echo(f"soho up: two processes would listen on port(s) {shared}; with --replicas, "
                   f"copy r takes its port + {REPLICA_PORT_STEP} x (r - 1): set <SERVICE>_PORT "
                   "apart.", err=True)
        return 2
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
    try:
        queues = asyncio.run(declare_bus(settings.amqp_url, services, timeout=3))
        click.echo(f"bus: {queues} consumer queues declared")
    except Exception as exc:  # the services start without RabbitMQ and declare their own
        click.echo(f"soho up: RabbitMQ unreachable for now ({type(exc).__name__}: {exc}); each "
                   "service declares its queues when it connects", err=True)

    env = child_env(extra_env)
    children = _children(services, copies, replicas, env)
    upstreams = {name: [c.port for c in copies if c.service.name == name]
                 for name in front_door.ROUTED_SERVICES}
    children.insert(0, Child("front-door", front_door.front_door_command(caddy), {
        **env, **front_door.front_door_env(settings.host, settings.front_port, upstreams,
                                           Path("var/caddy").resolve())}, COLOURS[-2]))
    if "smtp-sink" in ports:
        children.insert(0, Child("smtp-sink", child_command("smtp-sink", "--port", str(sink_port)),
                                 env, COLOURS[-1]))

    async def run() -> None:
        supervisor = Supervisor(children, colour=colour)
        announcer = asyncio.create_task(_announce_when_healthy(supervisor, settings, ports))
        await supervisor.run()
        announcer.cancel()

    asyncio.run(run())
    return 0


def _children(services: list[ServiceDefinition], copies: list[Copy], replicas: int,
              env: dict[str, str]) -> list[Child]:
    """Each copy of each service (HTTP, consumers, periodic jobs), then its relays: one per
    copy, for a service that publishes events (one that publishes none has no outbox to
    relay)."""
    children = []
    for i, service in enumerate(services):
        colour = COLOURS[i]
        for copy in (c for c in copies if c.service is service):
            children.append(Child(copy.label, child_command("serve", service.name),
                                  {**env, copy.port_variable: str(copy.port)}, colour))
        if not service.publishes:
            continue
        for r in range(1, replicas + 1):
            suffix = f"-{r}" if replicas > 1 else ""
            name = f"{service.name}-relay{suffix}"
            # A single relay beats where `soho relay NAME --check` looks by default.
            heartbeat = default_heartbeat_file(f"{service.name}{suffix}")
            children.append(Child(name, child_command("relay", service.name, "--heartbeat-file",
                                                      str(heartbeat)), env, colour))
    return children


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
                    # The front door serves people only: its health is its home page.
                    probe = "/" if name == "front-door" else "/health"
                    if (await client.get(f"{url}{probe}")).status_code == 200:
                        del pending[name]
                except httpx.HTTPError:
                    pass
            await asyncio.sleep(0.3)
    if pending:
        supervisor.say("soho", f"not answering after {HEALTH_DEADLINE:.0f}s: "
                               f"{', '.join(pending)}", "91")
    supervisor.say("soho", "the platform is up:")
    front = urls.pop("front-door")
    supervisor.say("soho", f"  {'front door':<15} {front}/   (the public site and form, for people)")
    for name, url in urls.items():
        supervisor.say("soho", f"  {name:<15} {url}/   (API docs {url}/docs)")
    if len(urls) > len(registry.SERVICE_NAMES):
        supervisor.say("soho", f"  copy r of a service listens on its port + "
                               f"{REPLICA_PORT_STEP} x (r - 1); the first keeps the usual port")
    if "smtp-sink" in ports:
        supervisor.say("soho", f"  {'smtp-sink':<15} smtp://127.0.0.1:{ports['smtp-sink']} "
                               "(messages kept in var/mail/)")
    supervisor.say("soho", "Ctrl-C stops everything.")
