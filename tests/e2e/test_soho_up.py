"""`soho up` as a newcomer runs it: every service its own process, ready on the real broker
and database, a crashed process restarted, everything stopped cleanly within 10 seconds."""

import signal
import smtplib
import time
from email.message import EmailMessage

import httpx
import pytest

from soho.registry import SERVICE_NAMES, relayed_services
from tests.support.platform_process import alive, running_platform
from tests.support.waiting import wait_for


@pytest.fixture
async def platform(database_url, amqp_url, tmp_path):
    async with running_platform(tmp_path) as platform:
        yield platform


async def test_soho_up_runs_restarts_and_stops_the_whole_platform(platform):
    process, workdir, output = platform.process, platform.workdir, platform.output
    await platform.wait_ready()
    async with httpx.AsyncClient(timeout=2) as client:
        await wait_for(lambda: "the platform is up" in output(), message="URLs printed")
        for name in SERVICE_NAMES:
            base = platform.url(name)
            assert f"{base}/" in output()
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
        with smtplib.SMTP("127.0.0.1", platform.sink_port, timeout=10) as smtp:
            smtp.send_message(message)
        [mail] = await wait_for(lambda: platform.mails_to("anna@example.nl"),
                                message="the message kept by the sink")
        assert "Bonjour" in mail.get_content()
        assert list((workdir / "var" / "mail").glob("*.eml")), "kept as an .eml file"

        # A process that dies is restarted by itself.
        [victim] = platform.kill_child("serve prospects", signal.SIGKILL)
        await wait_for(lambda: "prospects" in output() and "exited with -9" in output(),
                       message="the death noticed")
        await platform.wait_ready(timeout=60)
        assert [pid for pid in platform.child_pids("serve prospects") if pid != victim]

    children = platform.children()
    relays = [words[words.index("relay") + 1] for words in map(str.split, children.values())
              if "relay" in words]
    assert sorted(relays) == sorted(relayed_services()), "a relay per service that publishes"
    assert "dashboard" not in relays, "the dashboard publishes nothing: no relay"
    assert [cmd for cmd in children.values() if "caddy" in cmd.split()[0]], "the front door runs"
    assert len(children) == 2 + len(SERVICE_NAMES) + len(relays), (
        "sink, front door, services, relays")
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    assert time.monotonic() - started < 10, "stopped within 10 seconds"
    assert not [pid for pid in children if alive(pid)], "no process left behind"
