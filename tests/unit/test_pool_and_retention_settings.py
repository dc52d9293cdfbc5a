"""SOHO_DB_POOL_SIZE and SOHO_OUTBOX_RETENTION_HOURS: their defaults, their bounds, the
message a bad value gives at startup, and the service pool that follows the setting."""

import inspect
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from shared import db
from shared.config import PlatformSettings, ServiceSettings
from shared.http import app as http_app
from shared.outbox.relay import RelayConfig
from shared.service import ServiceDefinition
from soho.cli import cli


def test_defaults_ten_connections_and_a_week(monkeypatch):
    monkeypatch.delenv("SOHO_DB_POOL_SIZE", raising=False)
    monkeypatch.delenv("SOHO_OUTBOX_RETENTION_HOURS", raising=False)
    settings = PlatformSettings()
    assert settings.db_pool_size == 10
    assert settings.outbox_retention_hours == 168
    assert inspect.signature(db.create_pool).parameters["max_size"].default == 10
    assert RelayConfig("postgresql://x", "amqp://x", "s").retention_hours == 168


@pytest.mark.parametrize(("variable", "value"), [
    ("SOHO_DB_POOL_SIZE", "1"), ("SOHO_DB_POOL_SIZE", "100"),
    ("SOHO_OUTBOX_RETENTION_HOURS", "1"), ("SOHO_OUTBOX_RETENTION_HOURS", "8760"),
])
def test_values_within_bounds_are_taken(monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    settings = PlatformSettings()
    assert int(value) in (settings.db_pool_size, settings.outbox_retention_hours)


@pytest.mark.parametrize(("variable", "value"), [
    ("SOHO_DB_POOL_SIZE", "0"), ("SOHO_DB_POOL_SIZE", "101"), ("SOHO_DB_POOL_SIZE", "ten"),
    ("SOHO_DB_POOL_SIZE", "2.5"), ("SOHO_OUTBOX_RETENTION_HOURS", "0"),
    ("SOHO_OUTBOX_RETENTION_HOURS", "-24"), ("SOHO_OUTBOX_RETENTION_HOURS", "a week"),
    ("SOHO_OUTBOX_RETENTION_HOURS", "87601"),
])
def test_a_bad_value_is_refused_naming_its_variable(monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValidationError, match=variable):
        PlatformSettings()


@pytest.mark.parametrize(("variable", "command"), [
    ("SOHO_DB_POOL_SIZE", ["serve", "prospects"]),
    ("SOHO_DB_POOL_SIZE", ["up"]),
    ("SOHO_OUTBOX_RETENTION_HOURS", ["relay", "prospects"]),
])
def test_a_process_started_with_a_bad_value_stops_with_a_clear_message(
        monkeypatch, variable, command):
    monkeypatch.setenv(variable, "0")
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 1, result.output
    assert f"bad configuration: {variable}: Input should be greater than or equal to 1" \
        in result.output


class _PortSettings(ServiceSettings):
    port: int = 9999


class _FakePool:
    async def close(self) -> None:
        pass


class _FakeBus:
    def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass


async def test_a_service_pool_holds_up_to_soho_db_pool_size_connections(monkeypatch):
    sizes = []

    async def create_pool(database_url: str, schema: str, *, max_size: int) -> _FakePool:
        sizes.append(max_size)
        return _FakePool()

    monkeypatch.setattr(http_app, "create_pool", create_pool)
    monkeypatch.setenv("SOHO_DB_POOL_SIZE", "3")
    definition = ServiceDefinition(name="sized", title="t", description="t",
                                   settings=_PortSettings, package_dir=Path("/none"))
    app = http_app.create_app(definition)
    app.state.bus = _FakeBus()
    async with app.router.lifespan_context(app):
        assert sizes == [3]
