"""deploy/caddy/Caddyfile read as the tests need it: its snippets, and each `handle @name`
block of the front door with the paths it matches, the service it proxies to and whether
it goes through the session check. A small reader of the file's own shape (blocks in
braces, one directive a line), not a Caddyfile parser: `caddy adapt` is the real one
(tests/unit/test_front_door_caddyfile.py runs the file in Caddy)."""

import re
from dataclasses import dataclass
from pathlib import Path

CADDYFILE = Path(__file__).resolve().parents[2] / "deploy" / "caddy" / "Caddyfile"
SESSION_CHECK = "session_check"


@dataclass(frozen=True)
class Route:
    """(path, "Exact" or "Prefix", service, session-checked), as an Ingress says it."""

    path: str
    path_type: str
    service: str
    checked: bool


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.strip().startswith("#")]


def blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """The top-level `head {` ... `}` blocks of lines, each as (head, its inner lines)."""
    found, depth, head, body = [], 0, "", []
    for line in lines:
        if depth == 0:
            if line.endswith("{"):
                head, body, depth = line.removesuffix("{").strip(), [], 1
            continue
        depth += line.count("{") - line.count("}")
        if depth == 0:
            found.append((head, body))
        else:
            body.append(line)
    return found


def snippets() -> dict[str, list[str]]:
    return {head[1:-1]: body for head, body in blocks(_lines(CADDYFILE.read_text()))
            if head.startswith("(") and head.endswith(")")}


def site() -> list[str]:
    """The front door's site block, its lines."""
    (body,) = [body for head, body in blocks(_lines(CADDYFILE.read_text()))
               if head.startswith("http://")]
    return body


def handle_blocks() -> list[tuple[str, list[str]]]:
    """(matcher name, body) of each `handle @name` block, in order."""
    return [(head.removeprefix("handle @"), body) for head, body in blocks(site())
            if head.startswith("handle @")]


def matchers() -> dict[str, list[str]]:
    return {m.group(1): m.group(2).split() for line in site()
            if (m := re.fullmatch(r"@(\w+) path (.+)", line))}


def routes() -> set[Route]:
    """Every path the front door routes, as an Ingress writes it: `/x/*` (with or without
    `/x`) is Prefix /x, a lone `/x` Exact."""
    found = set()
    paths_of = matchers()
    for name, body in handle_blocks():
        (upstream,) = [m.group(1) for line in body
                       if (m := re.match(r"reverse_proxy \{\$(\w+)_UPSTREAMS", line))]
        checked = f"import {SESSION_CHECK}" in body
        paths = paths_of[name]
        for path in paths:
            if path.endswith("/*"):
                found.add(Route(path.removesuffix("/*"), "Prefix", upstream.lower(), checked))
            elif f"{path}/*" not in paths:
                found.add(Route(path, "Exact", upstream.lower(), checked))
    return found
