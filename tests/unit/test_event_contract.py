"""The event contract across services: what a consumer reads, its publisher declares and
sends; docs/contract.md says what the code does."""

import ast
from pathlib import Path

import pytest

from shared.events import EVENT_TYPES
from soho import registry
from soho.contract import BEGIN, CONTRACT_FILE, END, contract_with_events, subscriptions

ROOT = Path(__file__).resolve().parents[2]
SUBSCRIPTIONS = subscriptions()
DECLARED_FIELDS = {name for model in EVENT_TYPES.values() for name in model.model_fields}


def test_docs_contract_lists_the_events_as_the_code_declares_them():
    text = CONTRACT_FILE.read_text()
    assert BEGIN in text and END in text
    assert text == contract_with_events(text), (
        "docs/contract.md lags behind the event models: run `soho contract --write`")


@pytest.mark.parametrize("service", registry.SERVICE_NAMES)
def test_a_consumer_parses_an_event_with_its_publishers_model(service):
    """A consumer's own model (a subclass adding fields, a look-alike) would read fields the
    publisher never declared, and so never sends: they would be silently missing."""
    for model in SUBSCRIPTIONS[service]:
        assert EVENT_TYPES.get(model.event_type) is model, (
            f"{service} parses {model.event_type} with {model.__module__}.{model.__name__}, "
            f"not the model its publisher declares in shared/events/")


@pytest.mark.parametrize("service", registry.SERVICE_NAMES)
def test_every_event_a_service_consumes_is_published_by_a_service(service):
    publishers = {model for s in registry.all_services() for model in s.publishes}
    for model in SUBSCRIPTIONS[service]:
        assert model.event_type in {p.event_type for p in publishers}, (
            f"{service} waits for {model.event_type}, nobody publishes it")


def test_every_published_event_is_in_the_contract():
    for service in registry.all_services():
        for model in service.publishes:
            assert EVENT_TYPES.get(model.event_type) is model, (service.name, model)


def _reads_of_event_data_by_name(path: Path):
    """`getattr(data, "x", default)` or `getattr(event.data, "x", ...)`: a read that does
    not fail when the field is not declared."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "getattr" and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
            target = ast.unparse(node.args[0])
            if target == "data" or target.endswith(".data"):
                yield node.lineno, node.args[1].value


def test_no_service_reads_an_event_field_that_no_event_declares():
    undeclared = [f"{path.relative_to(ROOT)}:{line} reads {name!r}"
                  for path in sorted((ROOT / "services").rglob("*.py"))
                  for line, name in _reads_of_event_data_by_name(path)
                  if name not in DECLARED_FIELDS]
    assert undeclared == []


def test_the_check_above_sees_a_read_of_an_undeclared_field(tmp_path):
    module = tmp_path / "handler.py"
    module.write_text("def name(data):\n    return getattr(data, 'telecentre_label', None)\n")
    assert list(_reads_of_event_data_by_name(module)) == [(2, "telecentre_label")]
