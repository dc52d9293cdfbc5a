"""A RabbitMQ vhost of this test run's own, so durable queues of one run (the services'
consumers) never keep events for the next. Needs a local broker and `rabbitmqctl` (root);
elsewhere the tests share the vhost `soho_test`."""

import os
import shutil
import subprocess
import time

from yarl import URL

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def _ctl(*args: str) -> str:
    return subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True,
                          text=True, timeout=60).stdout


def can_manage_vhosts(base_url: str) -> bool:
    return (shutil.which("rabbitmqctl") is not None and os.geteuid() == 0
            and URL(base_url).host in LOCAL_HOSTS)


def create_run_vhost(base_url: str, name: str) -> str:
    user = URL(base_url).user or "guest"
    _ctl("add_vhost", name)
    _ctl("set_permissions", "-p", name, user, ".*", ".*", ".*")
    return str(URL(base_url).with_path("/" + name))


def delete_vhost(name: str) -> None:
    subprocess.run(["rabbitmqctl", "-q", "delete_vhost", name], capture_output=True, timeout=60)


def delete_stale_vhosts(prefix: str) -> None:
    """Vhosts that killed runs left behind: over an hour old and nobody connected (a run
    that has just started may not have connected yet)."""
    for name in _ctl("list_vhosts", "--no-table-headers").split():
        if (name.startswith(prefix) and is_stale(name.removeprefix(prefix))
                and not _ctl("list_connections", "-p", name, "--no-table-headers", "name").strip()):
            delete_vhost(name)


def is_stale(run_id: str, max_age: float = 3600) -> bool:
    """Run ids start with their creation time (see conftest.RUN_ID)."""
    started = run_id.split("_", 1)[0]
    return started.isdigit() and time.time() - int(started) > max_age
