"""Where a piece of personal data is still written in the platform's database: every column
that can hold text (text, varchar, char, json, jsonb, bytea, arrays, tsvector, ...) of every
table of every schema that is not PostgreSQL's own, found from pg_catalog, not listed by
hand, so a table added later is searched too.

    leftovers = await places_holding(conn, ["anne@example.org", "Kerzaboul"])
    # {"notifications.deliveries.body_text": ["anne@example.org"], ...}

A bytea column is read as `encode(col, 'escape')` (printable ASCII as it is: an event body
stored as JSON bytes shows its text); every other column as `col::text`."""

import asyncpg

# String-like types (S), user-defined ones such as json, jsonb, bytea, tsvector and citext
# (U), arrays (A) and composites (C): whatever can carry a word. Numbers, dates, booleans,
# uuids and network addresses cannot hold an email address, a phone number or a name.
COLUMNS = """
SELECT n.nspname AS schema, c.relname AS table_name, a.attname AS column_name,
       t.typname AS type_name
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
WHERE c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition
  AND a.attnum > 0 AND NOT a.attisdropped
  AND t.typcategory IN ('S', 'U', 'A', 'C')
  AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
ORDER BY 1, 2, 3
"""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def searched_columns(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    return await conn.fetch(COLUMNS)


async def places_holding(conn: asyncpg.Connection, needles: list[str]) -> dict[str, list[str]]:
    """`schema.table.column` -> the needles found there (case-insensitive), for every
    column of every table that holds one of them."""
    found: dict[str, list[str]] = {}
    patterns = ["%" + n.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                for n in needles]
    by_table: dict[tuple[str, str], list[asyncpg.Record]] = {}
    for column in await searched_columns(conn):
        by_table.setdefault((column["schema"], column["table_name"]), []).append(column)
    for (schema, table), columns in by_table.items():
        read = [f"encode({_quoted(c['column_name'])}, 'escape')" if c["type_name"] == "bytea"
                else f"{_quoted(c['column_name'])}::text" for c in columns]
        # One statement per table: for each column, which needles it holds in any row.
        checks = ", ".join(
            f"bool_or({expr} ILIKE ${i + 1})" for expr in read for i in range(len(needles)))
        row = await conn.fetchrow(
            f"SELECT {checks} FROM {_quoted(schema)}.{_quoted(table)}", *patterns)
        for index, column in enumerate(columns):
            hits = [needles[i] for i in range(len(needles))
                    if row[index * len(needles) + i]]
            if hits:
                found[f"{schema}.{table}.{column['column_name']}"] = hits
    return found
