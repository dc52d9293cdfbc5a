"""Every SQL statement of the onboarding service (its own schema, through asyncpg)."""
