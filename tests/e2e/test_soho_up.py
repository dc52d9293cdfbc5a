"""`soho up` as a newcomer runs it: every service its own process, ready on the real broker
and database, a crashed process restarted, everything stopped cleanly within 10 seconds."""

import os
import signal
import smtplib
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest

from soho.registry import SERVICE_NAMES
from tests.support.waiting import wait_for

PORTS = {name: 18000 + i for i, name in enumerate(SERVICE_NAMES)}
SINK_PORT = 11025


def children_of(pid: int) -> dict[int, str]:
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ")
                found[int(stat.parent.name)] = cmdline.decode()
        except (OSError, IndexError, ValueError):
            continue
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture
async def platform(database_url, amqp_url, tmp_path):
    env = {**os.environ, "SOHO_SMTP_SINK_PORT": str(SINK_PORT), "SOHO_LOG_LEVEL": "INFO"}
    env.pop("SMTP_URL", None)
    env.update({f"{name.upper()}_PORT": str(port) for name, port in PORTS.items()})
    log = tmp_path / "up.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "soho", "up", "--no-colour"],
                                   env=env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT)
    yield process, log, tmp_path
    if process.poll() is None:
        process.kill()
        process.wait()


async def all_ready(client: httpx.AsyncClient) -> bool:
    for port in PORTS.values():
        try:
            if (await client.get(f"http://127.0.0.1:{port}/ready")).status_code != 200:
                return False
        except httpx.HTTPError:
            return False
    return True


async def test_soho_up_runs_restarts_and_stops_the_whole_platform(platform):
    process, log, workdir = platform
    async with httpx.AsyncClient(timeout=2) as client:
        await wait_for(lambda: all_ready(client), timeout=90, interval=0.5,
                       message="every service ready")
        output = lambda: log.read_text(errors="replace")  # noqa: E731
        await wait_for(lambda: "the platform is up" in output(), message="URLs printed")
        for name, port in PORTS.items():
            assert f"http://127.0.0.1:{port}/" in output()
            base = f"http://127.0.0.1:{port}"
            assert (await client.get(f"{base}/health")).json() == {"status": "ok",
                                                                  "service": name}
            assert (await client.get(f"{base}/docs")).status_code == 200
            assert (await client.get(f"{base}/openapi.json")).json()["info"]["title"]
            assert (await client.get(f"{base}/asyncapi.json")).json()["asyncapi"] == "3.0.0"
            metrics = await client.get(f"{base}/metrics")
            assert "soho_http_request_duration_seconds" in metrics.text
            assert "soho_outbox_pending 0.0" in metrics.text
        assert "migrate onboarding" in output() and "seed onboarding" in output()
        assert any(line.startswith("prospects ") and "|" in line
                   for line in output().splitlines()), "logs are prefixed by service"

        # The embedded SMTP sink takes mail when SMTP_URL is unset.
        message = EmailMessage()
        message["From"], message["To"] = "soho@example.org", "anna@example.nl"
        message["Subject"] = "Bienvenue dans le Gers"
        message.set_content("Bonjour")
        with smtplib.SMTP("127.0.0.1", SINK_PORT, timeout=10) as smtp:
            smtp.send_message(message)
        [mail] = await wait_for(lambda: list((workdir / "var" / "mail").glob("*.eml")),
                                message="the message kept by the sink")
        assert b"Bienvenue dans le Gers" in mail.read_bytes()

        # A process that dies is restarted by itself.
        children = children_of(process.pid)
        [victim] = [pid for pid, cmd in children.items() if "serve prospects" in cmd]
        os.kill(victim, signal.SIGKILL)
        await wait_for(lambda: "prospects" in output() and "exited with -9" in output(),
                       message="the death noticed")
        await wait_for(lambda: all_ready(client), timeout=60, interval=0.5,
                       message="prospects back")
        assert any("serve prospects" in cmd for pid, cmd in children_of(process.pid).items()
                   if pid != victim)

    children = list(children_of(process.pid))
    assert len(children) == 1 + 2 * len(SERVICE_NAMES), "sink, services and their relays"
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    assert time.monotonic() - started < 10, "stopped within 10 seconds"
    assert not [pid for pid in children if alive(pid)], "no process left behind"
