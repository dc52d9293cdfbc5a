"""The whole platform as `soho up` starts it, for end-to-end and fault tests.

    from tests.support.platform_process import running_platform

    async with running_platform(tmp_path) as platform:
        await platform.wait_ready()
        platform.url("prospects")            # http://127.0.0.1:<its port>
        platform.url("front-door")           # the one origin for people (Caddy)
        platform.staff_headers()             # Authorization: Bearer <staff token>
        platform.kill_child("relay onboarding", signal.SIGKILL)
        mails = platform.mails()             # every message the embedded SMTP sink kept

Every child process runs on the test run's own database and vhost (tests/conftest.py sets
DATABASE_URL and AMQP_URL in the environment before anything starts)."""

import contextlib
import email
import email.policy
import os
import random
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import httpx

from shared.auth import Role, issue_token
from soho.registry import SERVICE_NAMES

from .waiting import wait_for

READY_TIMEOUT = 90.0


def free_ports(count: int) -> int:
    """The first of `count` consecutive free ports, below the range the kernel hands out to
    outgoing connections: another `soho up` may be running on the default ports."""
    for _ in range(200):
        first = random.randrange(20000, 32000)
        try:
            with contextlib.ExitStack() as held:
                for port in range(first, first + count):
                    sock = held.enter_context(socket.socket())
                    sock.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError(f"no {count} consecutive free ports")


def children_of(pid: int) -> dict[int, str]:
    """The direct children of `pid`, with their command lines."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ")
                found[int(stat.parent.name)] = cmdline.decode().strip()
        except (OSError, IndexError, ValueError):
            continue
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@dataclass
class Platform:
    process: subprocess.Popen
    workdir: Path
    log: Path
    ports: dict[str, int]
    sink_port: int
    secret: str
    replicas: int = 1
    _mail_cache: dict[Path, EmailMessage] = field(default_factory=dict)

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    # Tokens, signed with the platform's secret.
    def token(self, role: Role, **claims) -> str:
        return issue_token(self.secret, role, **claims)

    def staff_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(Role.STAFF, sub='e2e-staff')}"}

    def committee_headers(self, insee_code: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(Role.COMMITTEE, village=insee_code)}"}

    def solo_headers(self, member_id: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(Role.SOLO, member=member_id)}"}

    # Processes.
    def children(self) -> dict[int, str]:
        return children_of(self.process.pid)

    def child_pids(self, command_part: str) -> list[int]:
        """Pids of the children whose command line contains `command_part`
        (e.g. "serve prospects", "relay onboarding", "smtp-sink")."""
        return [pid for pid, cmd in self.children().items() if command_part in cmd]

    def kill_child(self, command_part: str, sig: int = signal.SIGKILL) -> list[int]:
        victims = self.child_pids(command_part)
        for pid in victims:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        return victims

    async def all_ready(self, client: httpx.AsyncClient) -> bool:
        for service in SERVICE_NAMES:
            try:
                if (await client.get(f"{self.url(service)}/ready")).status_code != 200:
                    return False
            except httpx.HTTPError:
                return False
        return True

    async def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        """Every service of THIS `soho up` ready (its announcement first: until then another
        process could hold the ports)."""
        await wait_for(lambda: "the platform is up" in self.output() or self.process.poll(),
                       timeout=timeout, interval=0.5, message="`soho up` announcing itself")
        assert self.process.poll() is None, f"`soho up` exited:\n{self.output()[-3000:]}"
        async with httpx.AsyncClient(timeout=2) as client:
            await wait_for(lambda: self.all_ready(client), timeout=timeout, interval=0.5,
                           message="every service of `soho up` ready")

    # Mail kept by the embedded SMTP sink.
    def mails(self) -> list[EmailMessage]:
        """Every message the sink has kept so far, oldest first."""
        for path in sorted((self.workdir / "var" / "mail").glob("*.eml")):
            if path not in self._mail_cache:
                try:
                    raw = path.read_bytes()
                except FileNotFoundError:
                    continue
                if raw:
                    self._mail_cache[path] = email.message_from_bytes(
                        raw, policy=email.policy.default)
        return list(self._mail_cache.values())

    def mails_to(self, address: str) -> list[EmailMessage]:
        address = address.lower()
        return [m for m in self.mails() if address in str(m["To"] or "").lower()]

    def stop(self, timeout: float = 15.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)


@contextlib.asynccontextmanager
async def running_platform(workdir: Path, *, replicas: int = 1, base_port: int | None = None,
                           sink_port: int | None = None, env: dict[str, str] | None = None):
    """`soho up` in `workdir` (its var/mail/ is the sink's), killed at the end if still up.
    Ports: free ones unless given (services from `base_port` on, then the SMTP sink)."""
    if base_port is None:
        base_port = free_ports(len(SERVICE_NAMES) + 2)
    if sink_port is None:
        sink_port = base_port + len(SERVICE_NAMES)
    ports = {name: base_port + i for i, name in enumerate(SERVICE_NAMES)}
    ports["front-door"] = base_port + len(SERVICE_NAMES) + 1
    child_env = {**os.environ, "SOHO_SMTP_SINK_PORT": str(sink_port),
                 "SOHO_FRONT_PORT": str(ports["front-door"]),
                 "SOHO_LOG_LEVEL": os.environ.get("SOHO_E2E_LOG_LEVEL", "INFO")}
    child_env.pop("SMTP_URL", None)
    child_env.pop("SOHO_PUBLIC_URL", None)  # soho up links emails to its front door
    child_env.update({f"{name.upper()}_PORT": str(ports[name]) for name in SERVICE_NAMES})
    child_env.update(env or {})
    log = workdir / "up.log"
    command = [sys.executable, "-m", "soho", "up", "--no-colour"]
    if replicas > 1:
        command += ["--replicas", str(replicas)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=child_env, cwd=workdir, stdout=out,
                                   stderr=subprocess.STDOUT)
    platform = Platform(process, workdir, log, ports, sink_port, child_env["SOHO_SECRET"],
                        replicas)
    try:
        yield platform
    finally:
        if process.poll() is None:
            process.kill()  # the children die with it (PR_SET_PDEATHSIG)
            process.wait()
