"""Prospects benchmark: intake beside a bare endpoint, and staff lists at a million prospects.

    .venv/bin/python bench/intake.py                          # both parts
    .venv/bin/python bench/intake.py --part intake            # A only
    .venv/bin/python bench/intake.py --part listing --rows 200000

A. Intake, requests per second (wrk, new people each request, in the same run):
   - bare: a FastAPI endpoint (own uvicorn process) that validates the same body with the
     same pydantic model (`ContactIn`) and writes the contact and an outbox row in one
     asyncpg transaction; no middleware, no prospect, no timeline;
   - service: `POST /api/contacts` of the real service (`soho serve prospects`, own process):
     platform middleware, rate limiter, the prospect upsert by email identity, the contact,
     its timeline entry and `contact.received` staged in the outbox, in one transaction;
   - service + Idempotency-Key: the same with a fresh key on each request (the form's path).
   Each round runs the three, in a shuffled order, a few seconds each; the ratio to bare is
   taken within each round (same weather on a shared machine), and its median reported.
   The outbox relay is not running (publishing is bench/bus.py's business); both servers
   have the same pool and uvicorn settings.
B. Listing and search latency with N prospects (default 1,000,000) loaded by COPY into a
   database of their own: p50/p99 of `GET /api/prospects` over HTTP (the real service, staff
   token) for a mix of filters, sorts, deep keyset pages and text searches, and of the same
   SQL run directly (store.listing.list_prospects), to tell the database from the rest.

Each part creates its own database (`soho_bench_prospects_<hex>`) and drops it at the end,
also on failure or Ctrl-C. Needs wrk (apt-get install wrk) for part A.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's packages

import asyncpg  # noqa: E402
import httpx  # noqa: E402

from services.prospects.app import SERVICE  # noqa: E402
from services.prospects.domain.contact import ContactIn  # noqa: E402
from shared.auth import Role, issue_token  # noqa: E402
from shared.config import DEVELOPMENT_SECRET  # noqa: E402
from shared.db import asyncpg_dsn, create_pool, ensure_database  # noqa: E402
from shared.migrations import apply_migrations  # noqa: E402

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/soho_bench_prospects"
DEFAULT_AMQP_URL = os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
REPO = Path(__file__).resolve().parent.parent


# --- databases and processes ----------------------------------------------------------------


def database_url(base: str, suffix: str) -> str:
    return f"{base}_{suffix}"  # the base URL ends with a database name


async def drop_database(url: str) -> None:
    dsn = asyncpg_dsn(url)
    admin = await asyncpg.connect(dsn.rsplit("/", 1)[0] + "/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{dsn.rsplit("/", 1)[1]}" WITH (FORCE)')
    finally:
        await admin.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_service(db_url: str, amqp_url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": db_url, "AMQP_URL": amqp_url,
           "PROSPECTS_PORT": str(port), "SOHO_LOG_LEVEL": "WARNING",
           "SOHO_SECRET": os.environ.get("SOHO_SECRET", DEVELOPMENT_SECRET),
           "PROSPECTS_CONTACT_RATE_LIMIT": "100000000/second"}
    return subprocess.Popen([sys.executable, "-m", "soho", "serve", "prospects"], env=env,
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_bare(db_url: str, port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, __file__, "--serve-bare", db_url, "--port",
                             str(port)], cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


async def wait_until_up(port: int, child: subprocess.Popen, path: str = "/health") -> None:
    deadline = time.monotonic() + 60
    async with httpx.AsyncClient(timeout=2) as client:
        while time.monotonic() < deadline:
            if child.poll() is not None:
                raise RuntimeError(f"server on port {port} exited ({child.returncode})")
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(f"http://127.0.0.1:{port}{path}")).status_code == 200:
                    return
            await asyncio.sleep(0.2)
    raise TimeoutError(f"server on port {port} did not start")


def stop(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


# --- A. the bare endpoint -------------------------------------------------------------------

BARE_SCHEMA = "bare"
BARE_TABLE = """
CREATE TABLE IF NOT EXISTS contacts (
    id uuid PRIMARY KEY, email text NOT NULL, first_name text NOT NULL,
    last_name text NOT NULL, locale text NOT NULL, submitted jsonb NOT NULL,
    received_at timestamptz NOT NULL)
"""


def serve_bare(db_url: str, port: int) -> None:
    """A FastAPI endpoint doing the least a correct intake must: validate, write the
    contact and its event in one transaction."""
    import json
    from contextlib import asynccontextmanager

    import uvicorn
    from fastapi import FastAPI

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.pool = await create_pool(db_url, BARE_SCHEMA)
        yield
        await app.state.pool.close()

    app = FastAPI(lifespan=lifespan)

    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok"}

    @app.post("/api/contacts", status_code=202)
    async def post_contact(contact: ContactIn) -> dict:
        contact_id, event_id, now = uuid.uuid4(), uuid.uuid4(), datetime.now(UTC)
        submitted = contact.model_dump(mode="json", exclude_none=True)
        event = json.dumps({"specversion": "1.0", "id": str(event_id), "type":
                            "contact.received", "source": "/bench/bare",
                            "time": now.isoformat(), "data": submitted}).encode()
        async with app.state.pool.acquire() as conn, conn.transaction():
            await conn.execute(
                "INSERT INTO contacts (id, email, first_name, last_name, locale, submitted, "
                "received_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)", contact_id,
                contact.email, contact.first_name, contact.last_name, contact.locale,
                json.dumps(submitted), now)
            await conn.execute("INSERT INTO outbox (id, type, subject, body) "
                               "VALUES ($1, $2, $3, $4)", event_id, "contact.received",
                               str(contact_id), event)
        return {"contact_id": str(contact_id)}

    uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None,
                                  server_header=False)).run()


# --- A. load with wrk -----------------------------------------------------------------------

WRK_SCRIPT = """
local counter = 0
local prefix = ""
local with_key = %(with_key)s
function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  prefix = string.format("%%d%%d", math.random(1, 1000000000), math.random(1, 1000000000))
end
function request()
  counter = counter + 1
  local tag = prefix .. "-" .. counter
  local body = '{"first_name":"Camille","last_name":"Martin","email":"bench.' .. tag ..
    '@example.org","consent":true,"locale":"fr","phone":"+33 6 12 34 56 78",' ..
    '"profession":"Developer","sector":"digital","origin_city":"Paris",' ..
    '"origin_country":"FR","household_adults":2,"household_children":1,' ..
    '"desired_villages":["32013","32233"],"move_horizon":"within_a_year",' ..
    '"message":"Bonjour, nous aimerions nous installer pres de Marciac."}'
  local headers = {["Content-Type"] = "application/json"}
  if with_key then headers["Idempotency-Key"] = "k-" .. tag end
  return wrk.format("POST", "/api/contacts", headers, body)
end
"""


def run_wrk(port: int, seconds: int, threads: int, connections: int,
            with_key: bool = False) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"with_key": "true" if with_key else "false"})
    try:
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
             "-s", script.name, f"http://127.0.0.1:{port}/api/contacts"],
            capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    finally:
        os.unlink(script.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    latency = {p: _ms(v) for p, v in re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M)}
    return {"rate": rate, "non_2xx": int(errors.group(1)) if errors else 0,
            "p50_ms": latency.get("50"), "p99_ms": latency.get("99")}


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used so far."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in pids:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


async def backend_pids(db_url: str, schema: str) -> list[int]:
    """The PostgreSQL backends serving one server's pool (its application_name)."""
    conn = await asyncpg.connect(asyncpg_dsn(db_url))
    try:
        return [r["pid"] for r in await conn.fetch(
            "SELECT pid FROM pg_stat_activity WHERE application_name = $1",
            f"soho-{schema}")]
    finally:
        await conn.close()


async def measured_run(port: int, server_pid: int, db_url: str, schema: str,
                       args: argparse.Namespace, with_key: bool) -> dict:
    """One wrk run, with the CPU time its server process and database backends used per
    request: unlike requests per second, that hardly depends on what else the machine does."""
    backends = await backend_pids(db_url, schema)
    app_before, db_before = cpu_seconds([server_pid]), cpu_seconds(backends)
    result = await asyncio.to_thread(run_wrk, port, args.seconds, args.threads,
                                     args.connections, with_key)
    requests = max(1.0, result["rate"] * args.seconds)
    result["app_cpu_ms"] = (cpu_seconds([server_pid]) - app_before) / requests * 1000
    result["db_cpu_ms"] = (cpu_seconds(backends) - db_before) / requests * 1000
    return result


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


async def bench_intake(args: argparse.Namespace) -> dict:
    if shutil.which("wrk") is None:
        raise SystemExit("part A needs wrk: apt-get install -y wrk")
    db_url = database_url(args.database_url, "intake_" + secrets.token_hex(3))
    await ensure_database(db_url)
    children: list[subprocess.Popen] = []
    try:
        await asyncio.to_thread(apply_migrations, db_url, SERVICE.schema,
                                SERVICE.migrations_dir)
        await asyncio.to_thread(apply_migrations, db_url, BARE_SCHEMA, Path("/none"))
        conn = await asyncpg.connect(asyncpg_dsn(db_url), server_settings={
            "search_path": BARE_SCHEMA})
        await conn.execute(BARE_TABLE)
        await conn.close()
        bare_port, service_port = free_port(), free_port()
        children = [start_bare(db_url, bare_port),
                    start_service(db_url, args.amqp_url, service_port)]
        await wait_until_up(bare_port, children[0])
        await wait_until_up(service_port, children[1], "/ready")
        contenders = {"bare": (bare_port, children[0].pid, BARE_SCHEMA, False),
                      "service": (service_port, children[1].pid, SERVICE.schema, False),
                      "service + Idempotency-Key": (service_port, children[1].pid,
                                                    SERVICE.schema, True)}
        for port, _, _, key in contenders.values():  # warm up: every pool connection open
            await asyncio.to_thread(run_wrk, port, 3, args.threads, args.connections, key)
        results: dict[str, list[dict]] = {name: [] for name in contenders}
        order = list(contenders)
        for round_ in range(args.rounds):
            random.shuffle(order)  # no contender always runs first (or after the same one)
            for name in order:
                port, pid, schema, key = contenders[name]
                result = await measured_run(port, pid, db_url, schema, args, key)
                print(f"  round {round_ + 1} {name:<26} {result['rate']:6.0f} req/s  "
                      f"p50 {result['p50_ms']:5.1f} ms  p99 {result['p99_ms']:6.1f} ms  "
                      f"CPU/request: app {result['app_cpu_ms']:.2f} ms, "
                      f"db {result['db_cpu_ms']:.2f} ms  non-2xx {result['non_2xx']}",
                      flush=True)
                results[name].append(result)
        check = await asyncpg.connect(asyncpg_dsn(db_url))
        written = {"service contacts": await check.fetchval(
            "SELECT count(*) FROM prospects.contacts"), "bare contacts": await check.fetchval(
            "SELECT count(*) FROM bare.contacts")}
        await check.close()
        return {"results": results, "written": written}
    finally:
        for child in children:
            stop(child)
        await drop_database(db_url)


# --- B. a million prospects -----------------------------------------------------------------

FIRST = ("Camille Léa Manon Chloé Emma Inès Jade Louise Alice Lina Hugo Lucas Louis Jules "
         "Gabriel Arthur Raphaël Adam Théo Noah Sophie Claire Marie Anne Julie Owen Oliver "
         "Harry Amelia Olivia Isla Sanne Lotte Daan Bram Femke Sem Lieke Tess Jasper").split()
SYLLABLES = ("mar dur ber lac mon fer gar ro vi tin leb ca sal pe bou cha dev ries bak "
             "ker jan sen hof man wood smith ter ham vel quin zor ade lis").split()
STAGES = ["new"] * 60 + ["contacted"] * 20 + ["qualified"] * 8 + ["installing"] * 2 + \
    ["installed"] * 3 + ["lost"] * 7
COUNTRIES = ["FR"] * 60 + ["GB"] * 10 + ["NL"] * 8 + ["BE"] * 6 + ["DE"] * 4 + ["CH"] * 3 + \
    ["ES"] * 3 + ["US"] * 2 + ["IT"] * 2 + ["CA"] * 2
SECTORS = ["digital", "consulting", "creative", "education", "health", "engineering",
           "finance", "commerce", "crafts", "agriculture", "tourism", "other"]
STAFF = ["marie", "julien", "sophie", "thomas", "claire", "nicolas", "emma", "hugo"]
COLUMNS = ("id", "email", "email_key", "first_name", "last_name", "locale", "origin_country",
           "sector", "household_size", "desired_villages", "target_villages", "stage",
           "lost_reason", "assigned_to", "consent_version", "consent_given_at",
           "consent_source", "created_at", "last_contact_at", "erased_at", "search_text",
           "sort_name")


def last_names(rng: random.Random, count: int) -> list[str]:
    names = set()
    while len(names) < count:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title())
    return sorted(names)


def prospect_rows(rng: random.Random, start: int, count: int, surnames: list[str],
                  villages: list[str], now: datetime):
    from services.prospects.domain.normalisation import searchable, sort_key

    for i in range(start, start + count):
        first, last = rng.choice(FIRST), rng.choice(surnames)
        email = f"{first.lower()}.{last.lower()}.{i}@example.org"
        created = now - timedelta(seconds=rng.randint(0, 5 * 365 * 86400))
        last_contact = min(now, created + timedelta(seconds=rng.randint(0, 90 * 86400)))
        stage = rng.choice(STAGES)
        erased = rng.random() < 0.01
        desired = rng.sample(villages, rng.choice((0, 1, 1, 2, 3)))
        target = rng.sample(villages, 2) if stage in ("qualified", "installing",
                                                       "installed") else []
        if erased:
            yield (uuid.uuid4(), None, None, None, None, "fr", rng.choice(COUNTRIES),
                   rng.choice(SECTORS), rng.randint(1, 5), desired, target, stage, None, None,
                   "2025-01", created, "web_form", created, last_contact, last_contact,
                   None, None)
            continue
        yield (uuid.uuid4(), email, email, first, last, rng.choice(("fr", "fr", "en")),
               rng.choice(COUNTRIES), rng.choice(SECTORS + [None]), rng.randint(1, 5),
               desired, target, stage, "moved elsewhere" if stage == "lost" else None,
               rng.choice(STAFF) if rng.random() < 0.6 else None, "2025-01", created,
               "web_form", created, last_contact, None, searchable(first, last, email),
               sort_key(f"{last} {first}"))


async def load_prospects(conn: asyncpg.Connection, rows: int, rng: random.Random,
                         surnames: list[str], villages: list[str]) -> dict:
    """COPY the rows with the listing indexes dropped, then build them (as a restore would)."""
    indexes = await conn.fetch(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'prospects' "
        "AND tablename = 'prospects' "
        "AND (indexname LIKE 'prospects\\_by\\_%' OR indexname = 'prospects_search')")
    for index in indexes:
        await conn.execute(f"DROP INDEX prospects.{index['indexname']}")
    now = datetime.now(UTC)
    started = time.perf_counter()
    chunk = 50_000
    for start in range(0, rows, chunk):
        await conn.copy_records_to_table(
            "prospects", schema_name="prospects", columns=COLUMNS,
            records=prospect_rows(rng, start, min(chunk, rows - start), surnames, villages,
                                  now))
    copied = time.perf_counter() - started
    started = time.perf_counter()
    for index in indexes:
        await conn.execute(index["indexdef"])
    await conn.execute(  # what intake and qualification write there, row by row
        "INSERT INTO prospects.prospect_villages (insee_code, created_at, prospect_id) "
        "SELECT code, created_at, id FROM prospects.prospects, "
        "unnest(desired_villages || target_villages) AS code ON CONFLICT DO NOTHING")
    await conn.execute("VACUUM ANALYZE prospects.prospects")
    await conn.execute("VACUUM ANALYZE prospects.prospect_villages")
    return {"copy_s": copied, "index_s": time.perf_counter() - started,
            "indexes": [i["indexname"] for i in indexes]}


def listing_queries(rng: random.Random, surnames: list[str], villages: list[str],
                    sample_emails: list[str]) -> dict[str, callable]:
    """Each kind of staff request, with fresh parameters on each call."""
    return {
        "newest first": lambda: {},
        "stage=qualified": lambda: {"stage": "qualified"},
        "stage=new&contacted, by last contact": lambda: {
            "stage": ["new", "contacted"], "sort": "-last_contact_at"},
        "sector + country": lambda: {"sector": rng.choice(SECTORS),
                                     "origin_country": rng.choice(COUNTRIES)},
        "village": lambda: {"village": rng.choice(villages)},
        "village, by name": lambda: {"village": rng.choice(villages), "sort": "last_name"},
        "assigned, by name": lambda: {"assigned_to": rng.choice(STAFF), "sort": "last_name"},
        "unassigned new": lambda: {"unassigned": "true", "stage": "new"},
        "country by name": lambda: {"origin_country": rng.choice(COUNTRIES[60:]),
                                    "sort": "last_name"},
        "search a last name": lambda: {"q": rng.choice(surnames)},
        "search a complete email": lambda: {"q": rng.choice(sample_emails)},
        "search an email's start": lambda: {
            "q": rng.choice(sample_emails).split("@")[0].rsplit(".", 1)[0]},
        "search 3 letters": lambda: {"q": rng.choice(SYLLABLES)},
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def measure_http(port: int, queries: dict, repeats: int, pages: int) -> dict:
    token = issue_token(os.environ.get("SOHO_SECRET", DEVELOPMENT_SECRET), Role.STAFF,
                        sub="bench")
    headers = {"Authorization": f"Bearer {token}"}
    timings: dict[str, list[float]] = {}
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=headers,
                                 timeout=30) as client:
        for name, params in queries.items():
            for _ in range(repeats):
                query = params()
                started = time.perf_counter()
                response = await client.get("/api/prospects", params=query)
                timings.setdefault(name, []).append(time.perf_counter() - started)
                assert response.status_code == 200, response.text
        # Deep pages: follow the cursor `pages` pages down, timing each page.
        for sort in ("-created_at", "last_name"):
            cursor, name = None, f"keyset pages 2..{pages} ({sort})"
            for page in range(pages):
                query = {"sort": sort, **({"cursor": cursor} if cursor else {})}
                started = time.perf_counter()
                response = await client.get("/api/prospects", params=query)
                if page:
                    timings.setdefault(name, []).append(time.perf_counter() - started)
                cursor = response.json()["next_cursor"]
    return timings


async def measure_sql(db_url: str, queries: dict, repeats: int) -> dict:
    from services.prospects.domain.normalisation import email_identity, like_pattern, search_text
    from services.prospects.store.listing import Filters, list_prospects

    timings: dict[str, list[float]] = {}
    pool = await create_pool(db_url, "prospects", max_size=1)
    try:
        async with pool.acquire() as conn:
            for name, params in queries.items():
                for _ in range(repeats):
                    p = params()
                    stages = p.get("stage", [])
                    text = p.get("q", "")
                    filters = Filters(
                        stages=[stages] if isinstance(stages, str) else stages,
                        sector=p.get("sector"), origin_country=p.get("origin_country"),
                        village=p.get("village"), assigned_to=p.get("assigned_to"),
                        unassigned=bool(p.get("unassigned")),
                        email_key=email_identity(text) if "@" in text else None,
                        search_pattern=like_pattern(search_text(text))
                        if text and "@" not in text else None)
                    sort = p.get("sort", "-created_at")
                    started = time.perf_counter()
                    await list_prospects(conn, filters, sort.lstrip("-"),
                                         sort.startswith("-"), None, 50)
                    timings.setdefault(name, []).append(time.perf_counter() - started)
    finally:
        await pool.close()
    return timings


async def bench_listing(args: argparse.Namespace) -> dict:
    from services.prospects.domain.reference import communes_alphabetically

    db_url = database_url(args.database_url, "listing_" + secrets.token_hex(3))
    await ensure_database(db_url)
    child = None
    try:
        await asyncio.to_thread(apply_migrations, db_url, SERVICE.schema,
                                SERVICE.migrations_dir)
        rng = random.Random(20250101)
        surnames, villages = last_names(rng, 3000), [
            c.insee_code for c in communes_alphabetically()]
        conn = await asyncpg.connect(asyncpg_dsn(db_url))
        try:
            print(f"  loading {args.rows:,} prospects with COPY...", flush=True)
            load = await load_prospects(conn, args.rows, rng, surnames, villages)
            emails = [r["email"] for r in await conn.fetch(
                "SELECT email FROM prospects.prospects WHERE email IS NOT NULL "
                "ORDER BY random() LIMIT 500")]
            size = await conn.fetchval(
                "SELECT pg_size_pretty(pg_total_relation_size('prospects.prospects'))")
        finally:
            await conn.close()
        print(f"  copied in {load['copy_s']:.0f} s, indexed in {load['index_s']:.0f} s "
              f"({size} with indexes)", flush=True)
        queries = listing_queries(random.Random(7), surnames, villages, emails)
        port = free_port()
        child = start_service(db_url, args.amqp_url, port)
        await wait_until_up(port, child, "/ready")
        await measure_http(port, queries, 5, 3)  # warm up: caches, prepared statements
        http = await measure_http(port, queries, args.repeats, args.pages)
        sql = await measure_sql(db_url, queries, args.repeats)
        return {"load": load, "size": size, "http": http, "sql": sql}
    finally:
        if child is not None:
            stop(child)
        await drop_database(db_url)


# --- report ---------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown"
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as f:
        cpu = next((line.split(":", 1)[1].strip() for line in f
                    if line.startswith("model name")), cpu)
    with contextlib.suppress(OSError), open("/proc/loadavg") as f:
        load = f.read().split()[0]
    return (f"{os.cpu_count()} CPU ({cpu}), Python {platform.python_version()}, "
            f"kernel {platform.release()}, load at start {load}")


def report_intake(found: dict) -> None:
    """Medians over rounds; the ratio is taken round by round (contenders of one round ran
    within seconds of each other, under the same weather), then its median and range."""
    results = found["results"]
    bare = [r["rate"] for r in results["bare"]]
    print("\nA. POST /api/contacts, requests per second (median of rounds)")
    for name, runs in results.items():
        rates = [r["rate"] for r in runs]
        ratios = sorted(rate / base for rate, base in zip(rates, bare, strict=True))
        p99 = statistics.median(r["p99_ms"] for r in runs)
        errors = sum(r["non_2xx"] for r in runs)
        app = statistics.median(r["app_cpu_ms"] for r in runs)
        db = statistics.median(r["db_cpu_ms"] for r in runs)
        print(f"  {name:<26} {statistics.median(rates):7.0f} req/s  p99 {p99:6.1f} ms  "
              f"non-2xx {errors}  ratio to bare: median {statistics.median(ratios):.2f} "
              f"(rounds {ratios[0]:.2f} to {ratios[-1]:.2f})  CPU per request: "
              f"app {app:.2f} ms + database {db:.2f} ms")
    print(f"  rows written: {found['written']}")


def report_listing(found: dict, rows: int) -> None:
    print(f"\nB. GET /api/prospects with {rows:,} prospects ({found['size']})")
    print(f"  {'request':<40} {'HTTP p50':>9} {'HTTP p99':>9} {'SQL p50':>8} {'SQL p99':>8}")
    everything: list[float] = []
    for name, values in found["http"].items():
        everything.extend(values)
        sql = found["sql"].get(name)
        sql_cols = (f"{percentile(sql, 50) * 1000:7.1f}  {percentile(sql, 99) * 1000:7.1f}"
                    if sql else f"{'':>7}  {'':>7}")
        print(f"  {name:<40} {percentile(values, 50) * 1000:8.1f}  "
              f"{percentile(values, 99) * 1000:8.1f}  {sql_cols}   (ms, n={len(values)})")
    print(f"  all requests: p50 {percentile(everything, 50) * 1000:.1f} ms, "
          f"p99 {percentile(everything, 99) * 1000:.1f} ms (n={len(everything)})")


async def run(args: argparse.Namespace) -> None:
    print(f"machine: {machine()}")
    if args.part in ("all", "intake"):
        print(f"A. intake: wrk -t{args.threads} -c{args.connections}, {args.rounds} rounds of "
              f"{args.seconds} s each", flush=True)
        report_intake(await bench_intake(args))
    if args.part in ("all", "listing"):
        print(f"\nB. listing: {args.rows:,} prospects, {args.repeats} requests of each kind",
              flush=True)
        report_listing(await bench_listing(args), args.rows)


def _interrupted(*_) -> None:
    raise KeyboardInterrupt  # SIGTERM cleans up as Ctrl-C does (the finally blocks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("all", "intake", "listing"), default="all")
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", DEFAULT_DATABASE_URL), help="base name; a suffix is added")
    parser.add_argument("--amqp-url", default=DEFAULT_AMQP_URL)
    parser.add_argument("--seconds", type=int, default=6, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--rows", type=int, default=1_000_000, help="prospects for part B")
    parser.add_argument("--repeats", type=int, default=200, help="requests of each kind")
    parser.add_argument("--pages", type=int, default=40, help="keyset pages walked")
    parser.add_argument("--serve-bare", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_bare:
        serve_bare(args.serve_bare, args.port)
        return
    signal.signal(signal.SIGTERM, _interrupted)
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
