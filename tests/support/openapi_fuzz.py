"""Schemathesis over a service's own OpenAPI document, the same way for every service.

Every operation gets valid and invalid data (positive and negative generation), with the
real path parameters it is given (so requests reach real records) as well as free ones,
under each identity's token; every answer is checked: no 5xx, a documented status code, a
body that matches its documented schema.

The app runs in the test's event loop (its pool and consumers belong to that loop) behind
the test's httpx ASGI client; Hypothesis, which is synchronous, runs in a worker thread
and hands each request to the loop."""

import asyncio
import os
import re
import urllib.parse
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, given, reject, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (response_schema_conformance,
                                               status_code_conformance)

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
# Per operation and identity, shared by valid/invalid data and real/free ids; the CI
# budget. FUZZ_EXAMPLES=500 for a deeper run by hand.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 16))
REQUEST_TIMEOUT = 30


@dataclass(frozen=True)
class Identity:
    """Who sends the requests, and which operations ("METHOD /path", a regex searched from
    the start) are worth sending with this token."""
    name: str
    headers: Mapping[str, str]
    operations: str = ""


@dataclass(frozen=True)
class Target:
    """What the requests point at: real path parameters by name, body fields merged into
    valid bodies of one operation ({"POST /api/bookings": {"desk_id": ...}}), and the
    operations ("METHOD /path") never given the real ids (a DELETE that would erase them)."""
    path_parameters: Mapping[str, str] = field(default_factory=dict)
    body_fields: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    keep_free: frozenset[str] = frozenset()


class Findings:
    """What the run found: each distinct failure once (with the curl that reproduces it),
    and how many requests each operation got."""

    def __init__(self) -> None:
        self.failures: list[str] = []
        self.requests: Counter[str] = Counter()
        self._seen: set[tuple[str, str, str]] = set()

    def failed(self, identity: Identity, label: str, group: FailureGroup) -> None:
        kinds = {(identity.name, label, failure.title) for failure in group.exceptions}
        if kinds - self._seen:
            self._seen |= kinds
            self.failures.append(f"[{identity.name}] {label}: {group.message.strip()}")


async def fuzz(client: httpx.AsyncClient, identities: list[Identity], target: Target = Target(),
               *, exclude_paths: str | None = None) -> list[str]:
    """Fuzzes every operation of the app behind `client`; returns one report (with a curl
    command that reproduces it) per distinct failure, an empty list when all is well."""
    document = (await client.get("/openapi.json")).json()
    schema = schemathesis.openapi.from_dict(document)
    if exclude_paths:
        schema = schema.exclude(path_regex=exclude_paths)
    operations = [result.ok() for result in schema.get_all_operations()]
    _check_target(target, operations)
    loop = asyncio.get_running_loop()
    findings = Findings()
    for identity in identities:
        chosen = [op for op in operations if re.match(identity.operations, op.label)]
        assert chosen, f"no operation matches {identity.operations!r} for {identity.name}"
        for operation in chosen:
            await asyncio.to_thread(_fuzz_operation, loop, client, operation, identity, target,
                                    findings)
    unsent = [op.label for op in operations if not findings.requests[op.label]]
    assert not unsent, f"the fuzzer sent nothing to {unsent}"
    return findings.failures


def _check_target(target: Target, operations) -> None:
    """A misspelt name would quietly leave the fuzzer on made-up ids."""
    labels = {op.label for op in operations}
    names = {p.name for op in operations for p in op.path_parameters}
    unknown = (set(target.path_parameters) - names) | \
        ((set(target.body_fields) | target.keep_free) - labels)
    assert not unknown, f"no such path parameter or operation: {sorted(unknown)}"


def _strategy(operation, target: Target):
    names = {p.name for p in operation.path_parameters}
    real = {k: v for k, v in target.path_parameters.items() if k in names}
    fields = target.body_fields.get(operation.label)
    variants = [{}] + ([real] if real and operation.label not in target.keep_free else [])
    strategies = []
    for path_parameters in variants:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode,
                                             path_parameters=path_parameters or None)
            if fields and mode is GenerationMode.POSITIVE:
                strategy = strategy.map(lambda case: _with_fields(case, fields))
            strategies.append(strategy)
    return st.one_of(strategies)


def _with_fields(case, fields):
    if isinstance(case.body, dict):
        case.body = {**case.body, **fields}
    return case


def _fuzz_operation(loop, client, operation, identity: Identity, target: Target,
                    findings: Findings) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=_strategy(operation, target))
    def check(case) -> None:
        kwargs = case.as_transport_kwargs(base_url=str(client.base_url),
                                          headers=dict(identity.headers))
        # Negative cases may drop the Authorization header: the token always goes (the
        # authorisation tests cover requests without one).
        kwargs["headers"].update(identity.headers)
        response = _send(loop, client, kwargs)
        findings.requests[operation.label] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=dict(identity.headers))
        except FailureGroup as group:
            findings.failed(identity, operation.label, group)

    try:
        check()
    except Unsatisfiable:  # nothing invalid to send (no parameters, no body)
        pass


def _send(loop, client: httpx.AsyncClient, kwargs: dict) -> httpx.Response:
    """The request schemathesis prepared for `requests`, sent through the httpx client."""
    request = {"method": kwargs["method"], "url": kwargs["url"],
               "params": kwargs.get("params") or None,
               "headers": {k: _header_value(v) for k, v in (kwargs.get("headers") or {}).items()}}
    cookies = kwargs.get("cookies")
    if cookies:
        request["headers"]["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if "json" in kwargs:
        request["json"] = kwargs["json"]
    elif isinstance(kwargs.get("data"), dict):
        request["content"] = urllib.parse.urlencode(kwargs["data"], doseq=True)
    elif "data" in kwargs:
        request["content"] = kwargs["data"]
    try:
        built = client.build_request(**request)
    except (TypeError, ValueError, UnicodeError):  # no HTTP client could send it either
        reject()
    future = asyncio.run_coroutine_threadsafe(client.send(built), loop)
    return future.result(REQUEST_TIMEOUT)


def _header_value(value) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode("utf-8")
