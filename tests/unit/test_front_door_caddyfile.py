"""deploy/caddy/Caddyfile run by the real Caddy (the one scripts/ensure-services.sh
installs), in front of stub upstreams: which service each path reaches, and the session
check in front of people's pages (forward_auth to identity's /auth/check, identity's token
passed on, a client's own X-Soho-Identity never). The services are stubs that echo what
they received, so this runs in a second, without a database or a broker; the whole
platform behind the same file is tests/e2e/test_front_door.py."""

import json
import os
import re
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import httpx
import pytest

from soho import front_door

CADDYFILE = front_door.CADDYFILE
STAFF_TOKEN = "token-from-identity"


def _caddy() -> str:
    found = front_door.caddy()
    if found is None:
        pytest.skip("caddy is not installed (scripts/ensure-services.sh installs it; "
                    "`make test` runs that first)")
    return found


def test_caddy_validates_the_caddyfile(tmp_path):
    result = subprocess.run(
        [_caddy(), "validate", "--adapter", "caddyfile", "--config", str(CADDYFILE)],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "Valid configuration" in result.stdout + result.stderr


class _Stub(BaseHTTPRequestHandler):
    """One service: echoes the request as JSON. The identity stub also answers
    /auth/check after the session cookie: good -> 200 with a token (or none, for the
    cookie `no-token`), wrong -> 403, none -> 303 to /sign-in (401 for a POST)."""

    service = "?"
    checks: list[dict]

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        seen = {"service": self.service, "method": self.command, "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
        # forward_auth keeps the request's query string on /auth/check.
        if self.service == "identity" and urlsplit(self.path).path == "/auth/check":
            self.checks.append(seen)
            self._check(seen["headers"])
            return
        payload = json.dumps(seen).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _check(self, headers: dict[str, str]) -> None:
        cookie = headers.get("cookie", "")
        if "soho_session=good" in cookie:
            self.send_response(200)
            self.send_header("X-Soho-Identity", STAFF_TOKEN)
        elif "soho_session=no-token" in cookie:
            self.send_response(200)
        elif "soho_session=wrong" in cookie:
            self.send_response(403)
        elif headers.get("x-forwarded-method") == "GET":
            self.send_response(303)
            self.send_header("Location", f"/sign-in?next={headers['x-forwarded-uri']}")
        else:
            self.send_response(401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_HEAD = _answer  # noqa: N815

    def log_message(self, *args):
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    """The Caddyfile in Caddy, each routed service a stub on a port of its own; yields
    (the front door's URL, identity's record of its /auth/check requests)."""
    binary = _caddy()
    checks: list[dict] = []
    servers, upstreams = [], {}
    for service in front_door.ROUTED_SERVICES:
        handler = type(f"{service}Stub", (_Stub,), {"service": service, "checks": checks})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        upstreams[service] = [server.server_port]
    port = _free_port()
    state = tmp_path_factory.mktemp("caddy")
    env = {**os.environ, **front_door.front_door_env("127.0.0.1", port, upstreams, state)}
    process = subprocess.Popen(front_door.front_door_command(binary), env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{url}/nowhere", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"caddy did not start: {process.stderr.read().decode()}")
                time.sleep(0.1)
        yield url, checks
    finally:
        process.terminate()
        process.wait(timeout=10)
        for server in servers:
            server.shutdown()
            server.server_close()


def _get(url: str, path: str, **kwargs) -> httpx.Response:
    return httpx.get(f"{url}{path}", follow_redirects=False, timeout=10, **kwargs)


@pytest.mark.parametrize(("path", "service"), [
    ("/", "prospects"), ("/?lang=en", "prospects"), ("/confirmation", "prospects"),
    ("/api/contacts", "prospects"),
    ("/unsubscribe/abc", "notifications"),
    ("/villages/", "onboarding"), ("/villages/32233?lang=en", "onboarding"),
    ("/calendar/abcdef.ics", "bookings"),
    ("/telecentres", "bookings"), ("/telecentres/3?lang=en", "bookings"),
    ("/key-figures", "dashboard"),
    ("/sign-in", "identity"), ("/sign-in?next=/staff/", "identity"),
    ("/sign-in/link/t0k3n", "identity"), ("/sign-in/forgot", "identity"),
    ("/sign-out", "identity"), ("/sign-out/everywhere", "identity"),
    ("/password/t0k3n", "identity"), ("/assets/soho.css", "identity"),
])
def test_public_paths_reach_their_service_without_a_session_check(front, path, service):
    url, checks = front
    before = len(checks)
    answer = _get(url, path)
    assert answer.status_code == 200, answer.text
    seen = answer.json()
    assert (seen["service"], seen["path"]) == (service, path)
    assert len(checks) == before, "no session check on a public path"


@pytest.mark.parametrize(("path", "service"), [
    ("/staff/accounts", "identity"), ("/staff/accounts/audit?after=5", "identity"),
    ("/staff/prospects", "prospects"), ("/staff/prospects/", "prospects"),
    ("/staff/prospects/board?stage=new", "prospects"),
    ("/staff/prospects/search?q=martin", "prospects"),
    ("/staff/prospects/0b9c5d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e", "prospects"),
    ("/staff/prospectus", "dashboard"),
    ("/staff/cases/", "onboarding"), ("/staff/cases/0b9c5d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e", "onboarding"),
    ("/staff/villages/32013", "onboarding"), ("/staff/members/", "onboarding"),
    ("/staff/telecentres/", "bookings"), ("/staff/bookings/members/x", "bookings"),
    ("/staff/deliveries/?failed=1", "notifications"), ("/staff/casework", "dashboard"),
    ("/staff", "dashboard"), ("/staff/", "dashboard"), ("/staff/api/events/stream", "dashboard"),
    ("/members", "bookings"), ("/members/", "bookings"),
    ("/members/directory?skill=design", "onboarding"), ("/members/follow-ups/6", "onboarding"),
    ("/members/directoryx", "bookings"), ("/committees/notifications", "notifications"),
    ("/committees/", "onboarding"), ("/committees/villages/32013", "onboarding"),
])
def test_people_pages_pass_the_session_check_then_reach_their_service(front, path, service):
    url, checks = front
    answer = _get(url, path, cookies={"soho_session": "good"})
    assert answer.status_code == 200, answer.text
    seen = answer.json()
    assert (seen["service"], seen["path"]) == (service, path)
    assert seen["headers"]["x-soho-identity"] == STAFF_TOKEN
    check = checks[-1]
    assert check["method"] == "GET" and urlsplit(check["path"]).path == "/auth/check"
    assert check["headers"]["x-forwarded-method"] == "GET"
    assert check["headers"]["x-forwarded-uri"] == path
    assert "soho_session=good" in check["headers"]["cookie"]


@pytest.mark.parametrize("path", ["/staff/", "/staff/accounts", "/staff/prospects/",
                                  "/members/", "/committees/"])
def test_identity_answers_for_a_missing_or_wrong_session_and_the_page_is_never_asked(
        front, path):
    url, _ = front
    away = _get(url, path)
    assert away.status_code == 303
    assert away.headers["location"] == f"/sign-in?next={path}"
    assert _get(url, path, cookies={"soho_session": "wrong"}).status_code == 403
    posted = httpx.post(f"{url}{path}", data={"a": "1"}, timeout=10)
    assert posted.status_code == 401


def test_a_client_never_brings_its_own_identity(front):
    url, checks = front
    forged = {"X-Soho-Identity": "forged-by-the-client"}
    # Replaced by identity's token...
    seen = _get(url, "/staff/", cookies={"soho_session": "good"}, headers=forged).json()
    assert seen["headers"]["x-soho-identity"] == STAFF_TOKEN
    # ...not shown to identity either, and not passed on when identity answers 200 without
    # a token (identity always sends one; Caddy 2.6 then leaves its placeholder's text,
    # no token at all, where later versions leave no header).
    assert "x-soho-identity" not in checks[-1]["headers"]
    seen = _get(url, "/members/", cookies={"soho_session": "no-token"}, headers=forged).json()
    assert seen["service"] == "bookings"
    assert seen["headers"].get("x-soho-identity", "") in (
        "", "{http.reverse_proxy.header.X-Soho-Identity}")


def test_a_form_posted_behind_the_session_check_arrives_whole(front):
    url, checks = front
    answer = httpx.post(f"{url}/staff/accounts/invite", timeout=10,
                        cookies={"soho_session": "good"},
                        data={"email": "marie@example.org", "csrftoken": "x" * 40})
    seen = answer.json()
    assert (seen["service"], seen["method"], seen["path"]) == (
        "identity", "POST", "/staff/accounts/invite")
    assert seen["body"] == f"email=marie%40example.org&csrftoken={'x' * 40}"
    assert checks[-1]["headers"]["x-forwarded-method"] == "POST"
    # A card moved on the pipeline board reaches prospects, not the dashboard.
    moved = httpx.post(f"{url}/staff/prospects/0b9c5d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e/move",
                       timeout=10, cookies={"soho_session": "good"},
                       data={"stage": "contacted", "seen_stage": "new"}).json()
    assert (moved["service"], moved["method"]) == ("prospects", "POST")
    assert moved["body"] == "stage=contacted&seen_stage=new"
    assert moved["headers"]["x-soho-identity"] == STAFF_TOKEN


@pytest.mark.parametrize("path", [
    "/auth/check", "/metrics", "/docs", "/health", "/api/prospects", "/staffing",
    "/membership", "/sign-inside", "/password", "/assets", "/unsubscribed",
])
def test_nothing_else_goes_through(front, path):
    url, checks = front
    before = len(checks)
    answer = _get(url, path, cookies={"soho_session": "good"})
    assert answer.status_code == 404, (path, answer.text)
    assert len(checks) == before


def test_every_copy_of_a_service_is_an_upstream(tmp_path):
    env = front_door.front_door_env("127.0.0.1", 8080, {
        name: [port, port + 100]
        for name, port in zip(front_door.ROUTED_SERVICES, range(8000, 8006))}, tmp_path)
    assert env["IDENTITY_UPSTREAMS"] == "127.0.0.1:8005 127.0.0.1:8105"
    # The file reads no other variable than these, and where Caddy listens.
    text = "\n".join(line for line in CADDYFILE.read_text().splitlines()
                     if not line.lstrip().startswith("#"))
    variables = set(re.findall(r"\{\$(\w+)(?::[^}]*)?\}", text))
    assert variables == {"SOHO_FRONT_HOST", "SOHO_FRONT_PORT",
                         *(f"{s.upper()}_UPSTREAMS" for s in front_door.ROUTED_SERVICES)}
    assert urlsplit(f"http://{env['DASHBOARD_UPSTREAMS'].split()[0]}").port == 8000
