"""Queue naming and arguments, and the `soho token` command."""

import uuid

from click.testing import CliRunner

from shared.auth import Role, decode_token
from shared.bus import topology
from shared.bus.consumer import redelivery_backoff
from soho.cli import cli

CLI_SECRET = "cli-secret-long-enough-for-hs256-keys"


def test_consumer_queues_are_named_and_armed_as_the_contract_says():
    queue = topology.consumer_queue("notifications", "contact.received")
    assert queue.name == "notifications.contact.received"
    assert queue.routing_key == "contact.received"
    assert queue.durable
    assert queue.arguments == {
        "x-queue-type": "quorum",
        "x-delivery-limit": topology.DELIVERY_LIMIT,
        "x-dead-letter-exchange": "soho.dlx",
        "x-dead-letter-routing-key": "notifications.contact.received",
    }
    assert topology.dead_letter_queue_name(queue.name) == "notifications.contact.received.dlq"


def test_redelivery_backoff_grows_and_is_bounded():
    waits = [redelivery_backoff(n) for n in range(10)]
    assert waits == sorted(waits) and waits[0] > 0 and max(waits) == 5.0


def test_soho_token_prints_one_token_and_nothing_else(monkeypatch):
    monkeypatch.setenv("SOHO_SECRET", CLI_SECRET)
    member = str(uuid.uuid4())
    result = CliRunner().invoke(cli, ["token", "--role", "solo", "--member", member])
    assert result.exit_code == 0
    token = result.output.strip()
    assert result.output == token + "\n"
    principal = decode_token(CLI_SECRET, token)
    assert principal.role is Role.SOLO and str(principal.member) == member

    committee = CliRunner().invoke(cli, ["token", "--role", "committee", "--village", "32013"])
    assert decode_token(CLI_SECRET, committee.output.strip()).village == "32013"
    staff = CliRunner().invoke(cli, ["token", "--role", "staff", "--sub", "marie"])
    assert decode_token(CLI_SECRET, staff.output.strip()).sub == "marie"


def test_soho_token_refuses_a_short_secret(monkeypatch):
    monkeypatch.setenv("SOHO_SECRET", "short")
    result = CliRunner().invoke(cli, ["token", "--role", "staff"])
    assert result.exit_code == 1
    assert "bad configuration: SOHO_SECRET" in result.output


def test_soho_token_refuses_a_scoped_role_without_its_scope():
    assert CliRunner().invoke(cli, ["token", "--role", "committee"]).exit_code == 2
    assert CliRunner().invoke(cli, ["token", "--role", "solo"]).exit_code == 2
    bad = CliRunner().invoke(cli, ["token", "--role", "solo", "--member", "bob"])
    assert bad.exit_code == 2 and "UUID" in bad.output
