"""Every SQL statement of the bookings schema (asyncpg); nothing else writes SQL."""
