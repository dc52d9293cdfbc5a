"""A PostgreSQL cluster and a RabbitMQ node of a test's own, that it may stop, restart and
kill at will without touching the machine's shared ones (5432 and 5672, which other tests
and CI use at the same time).

    with private_postgres() as pg, private_rabbitmq() as rabbit:
        pg.url                      # postgresql://postgres@127.0.0.1:<port>/soho
        rabbit.url                  # amqp://guest:guest@127.0.0.1:<port>/
        pg.restart(mode="immediate")
        rabbit.stop_app(); rabbit.start_app()

Both come from the Debian packages of this machine: PostgreSQL 15's binaries run as the
`postgres` user (initdb refuses root) in a directory of their own, trust authentication,
the socket beside the data; RabbitMQ runs as a node of its own (`soho-faults-<hex>@localhost`)
with its own ports, data, logs, configuration and Erlang cookie (in its own HOME), no plugin.
Everything is removed at the end."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
RABBITMQ_SBIN = Path("/usr/lib/rabbitmq/bin")  # the real scripts, not /usr/sbin's su wrapper
START_TIMEOUT = 120.0


def missing_binaries() -> str | None:
    """Why private servers cannot run here, or None."""
    if os.geteuid() != 0:
        return "private servers need root (initdb runs as the postgres user through runuser)"
    for binary in (POSTGRES_BIN / "initdb", POSTGRES_BIN / "pg_ctl",
                   RABBITMQ_SBIN / "rabbitmq-server", RABBITMQ_SBIN / "rabbitmqctl"):
        if not binary.exists():
            return f"{binary} is missing (Debian's postgresql-15 and rabbitmq-server packages)"
    if shutil.which("runuser") is None:
        return "runuser is missing"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _wait(condition, timeout: float, what: str, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


# -- PostgreSQL ------------------------------------------------------------------------------

@dataclass
class PrivatePostgres:
    directory: Path
    port: int
    database: str = "soho"
    outages: int = 0  # restarts done through this object

    @property
    def data(self) -> Path:
        return self.directory / "data"

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{self.database}"

    def _as_postgres(self, *args: str, timeout: float = 120, check: bool = True,
                     ) -> subprocess.CompletedProcess:
        return subprocess.run(["runuser", "-u", "postgres", "--", *args], check=check,
                              capture_output=True, text=True, timeout=timeout,
                              cwd=self.directory)

    def _pg_ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self._as_postgres(str(POSTGRES_BIN / "pg_ctl"), "-D", str(self.data), *args,
                                 check=check)

    def init(self) -> None:
        self._as_postgres(str(POSTGRES_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                          "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        settings = {
            "listen_addresses": "'127.0.0.1'", "port": str(self.port),
            "unix_socket_directories": f"'{self.directory}'", "max_connections": "200",
            "fsync": "on", "shared_buffers": "64MB", "log_min_messages": "warning",
        }
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{k} = {v}\n" for k, v in settings.items())

    def start(self) -> None:
        self._pg_ctl("-l", str(self.directory / "server.log"), "-w", "-t", "60", "start")
        self.wait_accepting()

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("-m", mode, "-w", "-t", "60", "stop", check=False)

    def restart(self, mode: str = "fast", down_for: float = 0.0) -> None:
        """Every connection is cut (`immediate` is a crash: recovery replays the WAL); the
        server stays down `down_for` seconds before it starts again."""
        self.outages += 1
        if down_for <= 0:
            self._pg_ctl("-m", mode, "-w", "-t", "60", "-l", str(self.directory / "server.log"),
                         "restart")
        else:
            self.stop(mode)
            time.sleep(down_for)  # the outage itself: nothing to wait for
            self.start()
            return
        self.wait_accepting()

    def wait_accepting(self, timeout: float = 60) -> None:
        def ready() -> bool:
            return self._as_postgres(str(POSTGRES_BIN / "pg_isready"), "-h", "127.0.0.1",
                                     "-p", str(self.port), check=False).returncode == 0
        _wait(ready, timeout, f"private PostgreSQL on port {self.port}")

    def create_database(self) -> None:
        self._as_postgres(str(POSTGRES_BIN / "createdb"), "-h", "127.0.0.1", "-p",
                          str(self.port), "-U", "postgres", self.database)

    def log_tail(self, lines: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join((self.directory / "server.log").read_text().splitlines()[-lines:])
        return ""


@contextlib.contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    directory = Path(tempfile.mkdtemp(prefix="soho-faults-pg-"))
    shutil.chown(directory, "postgres", "postgres")
    server = PrivatePostgres(directory, free_port())
    try:
        server.init()
        server.start()
        server.create_database()
        yield server
    finally:
        server.stop("immediate")
        _kill_leftovers(server.data / "postmaster.pid")
        shutil.rmtree(directory, ignore_errors=True)


def _kill_leftovers(pid_file: Path) -> None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        pid = int(pid_file.read_text().split()[0])
        os.kill(pid, signal.SIGKILL)


# -- RabbitMQ --------------------------------------------------------------------------------

@dataclass
class PrivateRabbitMQ:
    directory: Path
    node: str
    port: int
    dist_port: int
    process: subprocess.Popen | None = None
    outages: int = 0  # stop_app/start_app cycles done through this object
    _env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}/"

    def prepare(self) -> None:
        home = self.directory / "home"
        home.mkdir()
        cookie = home / ".erlang.cookie"
        cookie.write_text(uuid.uuid4().hex.upper())
        cookie.chmod(0o400)
        (self.directory / "rabbitmq-env.conf").write_text("")  # not /etc/rabbitmq's
        (self.directory / "enabled_plugins").write_text("[].\n")
        (self.directory / "rabbitmq.conf").write_text(
            f"listeners.tcp.1 = 127.0.0.1:{self.port}\n"
            "loopback_users.guest = true\n"
            "disk_free_limit.absolute = 50MB\n"
            "log.console = false\n"
            "log.file.level = warning\n")
        self._env = {
            **os.environ,
            "HOME": str(home),  # the Erlang cookie, for the node and for rabbitmqctl
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_CONF_ENV_FILE": str(self.directory / "rabbitmq-env.conf"),
            "RABBITMQ_CONFIG_FILE": str(self.directory / "rabbitmq.conf"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.directory / "enabled_plugins"),
            "RABBITMQ_MNESIA_BASE": str(self.directory / "mnesia"),
            "RABBITMQ_LOG_BASE": str(self.directory / "log"),
            "RABBITMQ_PID_FILE": str(self.directory / "rabbit.pid"),
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
            "ERL_EPMD_ADDRESS": "127.0.0.1",
        }

    def ctl(self, *args: str, timeout: float = 90, check: bool = True,
            ) -> subprocess.CompletedProcess:
        return subprocess.run([str(RABBITMQ_SBIN / "rabbitmqctl"), "-n", self.node, *args],
                              env=self._env, check=check, capture_output=True, text=True,
                              timeout=timeout)

    def start(self) -> None:
        log = (self.directory / "server.out").open("ab")
        self.process = subprocess.Popen([str(RABBITMQ_SBIN / "rabbitmq-server")],
                                        env=self._env, cwd=self.directory, stdout=log,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        start_new_session=True)
        log.close()
        self.wait_running()

    def wait_running(self, timeout: float = START_TIMEOUT) -> None:
        """The node is fully booted (streams and quorum queues included) and takes AMQP."""
        def running() -> bool:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"rabbitmq-server exited with {self.process.returncode}: "
                                   f"{self.log_tail()}")
            return (self.ctl("await_startup", "--timeout", "5", check=False,
                             timeout=30).returncode == 0 and port_open(self.port))
        _wait(running, timeout, f"private RabbitMQ node {self.node}", interval=0.5)

    def stop_app(self) -> None:
        self.outages += 1
        self.ctl("stop_app")

    def start_app(self) -> None:
        self.ctl("start_app")
        self.wait_running()

    def shutdown(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self.ctl("shutdown", timeout=60, check=False)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def log_tail(self, lines: int = 40) -> str:
        text = []
        for path in [self.directory / "server.out", *sorted((self.directory / "log").glob("*.log"))]:
            with contextlib.suppress(OSError):
                text += path.read_text(errors="replace").splitlines()[-lines:]
        return "\n".join(text[-lines:])


@contextlib.contextmanager
def private_rabbitmq() -> Iterator[PrivateRabbitMQ]:
    directory = Path(tempfile.mkdtemp(prefix="soho-faults-rabbit-"))
    node = f"soho-faults-{uuid.uuid4().hex[:8]}@localhost"
    server = PrivateRabbitMQ(directory, node, free_port(), free_port())
    try:
        server.prepare()
        server.start()
        yield server
    finally:
        server.shutdown()
        shutil.rmtree(directory, ignore_errors=True)
