"""Schema migrations with yoyo: numbered SQL files, tracked per service schema.

Each service's schema gets the platform's own tables first (`shared/sql`: outbox, inbox),
then the files in the service's `migrations/` folder. yoyo keeps its bookkeeping tables in
the same schema and takes a lock, so concurrent `soho up`s do not apply a file twice.
"""

from pathlib import Path

import psycopg
from yarl import URL
from yoyo import get_backend, read_migrations

PLATFORM_SQL = Path(__file__).parent / "sql"


def _yoyo_url(database_url: str, schema: str) -> str:
    url = URL(database_url).with_scheme("postgresql+psycopg")
    return str(url.update_query(schema=schema))


def _create_schema(database_url: str, schema: str) -> None:
    dsn = str(URL(database_url).with_scheme("postgresql"))
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')


def apply_migrations(database_url: str, schema: str, migrations_dir: Path) -> list[str]:
    """Apply what is pending; returns the ids applied now (empty when up to date)."""
    _create_schema(database_url, schema)
    backend = get_backend(_yoyo_url(database_url, schema), migration_table="_yoyo_migration")
    sources = [str(PLATFORM_SQL)]
    if migrations_dir.is_dir() and any(migrations_dir.glob("*.sql")):
        sources.append(str(migrations_dir))
    migrations = read_migrations(*sources)
    with backend.lock():
        pending = backend.to_apply(migrations)
        backend.apply_migrations(pending)
    return [m.id for m in pending]
