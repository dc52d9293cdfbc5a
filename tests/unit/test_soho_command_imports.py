"""Each `soho` process imports only what it runs: `soho serve X` service X alone, `soho relay X`
and `soho smtp-sink` no service (and not FastAPI); the help still lists every command and the
services' operator groups; relays run only for the services that publish events."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from shared.auth import Role
from soho import registry
from soho.cli import ROLES, TOP_LEVEL, cli
from soho.startup import _children, service_copies

ROOT = Path(__file__).resolve().parents[2]
# Runs `soho ARGS...` with the process's own work replaced by a report of what it imported.
PROBE = """
import importlib, json, sys

module, _, attribute = sys.argv[1].partition(":")
owner, _, method = attribute.rpartition(".")
target = importlib.import_module(module)

def report(*args, **kwargs):
    print(json.dumps({
        "services": sorted({m.split(".")[1] for m in sys.modules if m.startswith("services.")}),
        "fastapi": "fastapi" in sys.modules,
        "schema": getattr(getattr(args[0], "config", None), "schema", None) if args else None,
    }))

async def report_async(*args, **kwargs):
    report(*args, **kwargs)

replacement = report_async if method == "run" and module.endswith("relay") else report
setattr(getattr(target, owner) if owner else target, method or attribute, replacement)
sys.argv = ["soho", *sys.argv[2:]]
from soho.cli import main
main()
"""


def imported_by(patch: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, patch, *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_soho_relay_imports_no_service_and_relays_the_service_schema():
    found = imported_by("shared.outbox.relay:OutboxRelay.run", "relay", "prospects")
    assert found == {"services": [], "fastapi": False, "schema": "prospects"}


def test_soho_smtp_sink_imports_no_service():
    found = imported_by("soho.smtp_sink:run_sink", "smtp-sink", "--port", "1")
    assert found == {"services": [], "fastapi": False, "schema": None}


@pytest.mark.parametrize("name", registry.SERVICE_NAMES)
def test_soho_serve_imports_its_service_only(name):
    found = imported_by("soho.stopping:BoundedStopServer.run", "serve", name)
    assert found["services"] == [name]


def test_the_help_lists_every_command_and_each_service_group():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    listed = {line.split()[0] for line in result.output.split("Commands:")[1].splitlines()
              if line.strip()}
    groups = {name for name in registry.SERVICE_NAMES if registry.load(name).commands}
    assert groups >= {"prospects", "dashboard"}
    assert listed == set(cli.commands) | groups | set(TOP_LEVEL)


def test_soho_staff_is_identity_s_staff_group():
    result = CliRunner().invoke(cli, ["staff", "invite", "--help"])
    assert result.exit_code == 0, result.output
    assert "--admin" in result.output and "EMAIL" in result.output


@pytest.mark.parametrize(("service", "command"), [("prospects", "retention"),
                                                  ("dashboard", "rebuild"),
                                                  ("identity", "staff")])
def test_a_service_group_shows_its_commands(service, command):
    result = CliRunner().invoke(cli, [service, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Operator commands of the {service} service." in result.output
    assert command in result.output.split("Commands:")[1]
    assert CliRunner().invoke(cli, [service, command, "--help"]).exit_code == 0


@pytest.mark.parametrize("name", ["nosuch", "notifications"])  # unknown; a service without any
def test_an_unknown_command_or_group_is_click_s_usage_error(name):
    result = CliRunner().invoke(cli, [name, "anything"])
    assert result.exit_code == 2
    assert f"No such command '{name}'" in result.output


def test_the_token_roles_are_the_platform_s_roles():
    assert set(ROLES) == {role.value for role in Role}


@pytest.mark.parametrize("name", registry.SERVICE_NAMES)
def test_a_service_that_stages_events_declares_them_so_it_gets_a_relay(name):
    definition = registry.load(name)
    stages = any("stage_event(" in path.read_text()
                 for path in definition.package_dir.rglob("*.py"))
    assert stages == bool(definition.publishes), \
        f"{name}: `publishes` must list what it stages (relays follow it)"


def test_soho_up_runs_a_relay_per_copy_of_each_service_that_publishes():
    services = registry.all_services()
    children = _children(services, service_copies(services, 2), 2, {})
    relays = sorted(c.name for c in children if c.args[3:4] == ["relay"])
    assert "dashboard" not in registry.relayed_services()
    assert relays == sorted(f"{name}-relay-{r}" for name in registry.relayed_services()
                            for r in (1, 2))
    assert sum(c.args[3:4] == ["serve"] for c in children) == 2 * len(registry.SERVICE_NAMES)
