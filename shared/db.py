"""PostgreSQL: one database, one schema per service; a service's pool sees only its schema."""

import asyncpg
from yarl import URL

from shared.config import DEFAULT_DB_POOL_SIZE

# The database, not the work, failed (down, restarting, connection cut): the same work
# succeeds once it is back. asyncpg raises InternalClientError when a connection breaks
# mid-protocol; it derives from none of the others.
DATABASE_UNAVAILABLE: tuple[type[BaseException], ...] = (
    OSError, TimeoutError, asyncpg.InterfaceError, asyncpg.InternalClientError,
    asyncpg.PostgresConnectionError, asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError, asyncpg.CrashShutdownError, asyncpg.TooManyConnectionsError,
)
# Another transaction got in the way (deadlock, serialization failure): try again.
TRANSACTION_CONFLICT: tuple[type[BaseException], ...] = (asyncpg.TransactionRollbackError,)


def asyncpg_dsn(database_url: str) -> str:
    # Accept SQLAlchemy-style URLs too (postgresql+psycopg://...).
    url = URL(database_url)
    return str(url.with_scheme("postgresql"))


async def create_pool(database_url: str, schema: str, *,
                      max_size: int = DEFAULT_DB_POOL_SIZE) -> asyncpg.Pool:
    """A lazy pool: it connects on first use, so a service starts (and reports not-ready)
    while the database is down, and recovers by itself when it comes back."""
    return await asyncpg.create_pool(
        asyncpg_dsn(database_url),
        min_size=0,
        max_size=max_size,
        timeout=5,
        command_timeout=30,
        server_settings={"search_path": schema, "application_name": f"soho-{schema}"},
    )


async def connect(database_url: str, schema: str | None = None) -> asyncpg.Connection:
    settings = {"search_path": schema, "application_name": f"soho-{schema}"} if schema else {}
    return await asyncpg.connect(asyncpg_dsn(database_url), timeout=5, server_settings=settings)


async def ensure_database(database_url: str) -> bool:
    """Create the database named in the URL if it does not exist. True if it was created."""
    url = URL(asyncpg_dsn(database_url))
    name = url.path.lstrip("/")
    admin = await asyncpg.connect(str(url.with_path("/postgres")), timeout=5)
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if exists:
            return False
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        except asyncpg.DuplicateDatabaseError:  # another process won the race
            return False
        return True
    finally:
        await admin.close()
