"""Every SQL statement of the prospects service, by concern (asyncpg, its own schema)."""
