"""The front door that `soho up` runs: Debian's caddy with deploy/caddy/Caddyfile, the one
origin people use (SOHO_FRONT_PORT, 8080). Its upstreams are the copies of the services
it routes to, on this machine; compose and Kubernetes route the same paths
(docs/deploy.md)."""

import shutil
from pathlib import Path

CADDYFILE = Path(__file__).resolve().parents[1] / "deploy" / "caddy" / "Caddyfile"
# The services the Caddyfile routes to, each by its <SERVICE>_UPSTREAMS variable (every
# copy, with `soho up --replicas N`); identity answers its session checks too.
ROUTED_SERVICES = ("dashboard", "prospects", "onboarding", "bookings", "notifications",
                   "identity")
MISSING = ("soho up: the front door needs Caddy, which is not installed: "
           "scripts/ensure-services.sh installs it (as `make run` does), or "
           "`apt-get install caddy`.")


def caddy() -> str | None:
    return shutil.which("caddy")


def front_door_command(binary: str) -> list[str]:
    return [binary, "run", "--adapter", "caddyfile", "--config", str(CADDYFILE)]


def front_door_env(host: str, port: int, upstreams: dict[str, list[int]],
                   state_dir: Path) -> dict[str, str]:
    """Caddy's environment: where it listens, every copy of each routed service, and a
    directory of its own for what it keeps (instead of the user's home)."""
    env = {"SOHO_FRONT_HOST": host, "SOHO_FRONT_PORT": str(port),
           "XDG_CONFIG_HOME": str(state_dir / "config"), "XDG_DATA_HOME": str(state_dir / "data")}
    for service in ROUTED_SERVICES:
        env[f"{service.upper()}_UPSTREAMS"] = " ".join(f"{host}:{p}" for p in upstreams[service])
    return env
