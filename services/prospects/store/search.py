"""Staff search over prospects: names, email, phone and town of origin in one folded text
(`search_text`, 0001 and 0002), matched through its trigram index (GIN, gin_trgm_ops):

- words: `query <% search_text` (word similarity at least THRESHOLD: "Dupnot" finds Dupont,
  "Helene" Hélène), ranked by that similarity;
- a phone number: its digits inside the text (`LIKE '%612345678%'`, trigram-indexed too);
- part of an email address with its @: the part before it as words, and the address
  containing what was typed (`email_key LIKE`); the exact address first.

Each is one statement, ranked, then by id, keyset-paged on (rank, id) and cut at the page's
size: whatever the number of matches, a page is read with one index scan and one sort of
the matches' ranks. bench/search.py runs these very statements at a million prospects."""

import uuid
from dataclasses import dataclass
from typing import Literal

import asyncpg

# Word similarity a match needs (pg_trgm's default is 0.6, which misses one wrong letter in a
# short name: "marten" is 0.57 of "martin"). Lower finds more typos, with more candidates
# for the index to recheck and rank (bench/search.py measures what it costs).
THRESHOLD = 0.5

COLUMNS = ("p.id, p.first_name, p.last_name, p.email, p.phone, p.origin_city, "
           "p.origin_country, p.stage, p.created_at")

Kind = Literal["words", "phone", "email"]

# $1 the folded words (or the digits), $2 the LIKE pattern, $3 the address typed.
MATCH = {
    "words": "$1 <% p.search_text",
    "phone": "p.search_text LIKE $2",
    "email": "$1 <% p.search_text AND p.email_key LIKE $2",
}
RANK = {
    "words": "word_similarity($1, p.search_text)",
    "phone": "word_similarity($1, p.search_text)",
    # The exact address ranks above every other address containing it.
    "email": "word_similarity($1, p.search_text) + (p.email_key = $3)::int",
}
PARAMETERS = {"words": 1, "phone": 2, "email": 3}

# For the statement's transaction only: the threshold the `<%` operator and its index use,
# and pg_trgm's schema on the search path, wherever the extension was installed (0001).
SETTINGS = """
SELECT set_config('pg_trgm.word_similarity_threshold', $1, true),
       set_config('search_path', current_setting('search_path') || ', '
                  || quote_ident(n.nspname), true)
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'pg_trgm'
"""


@dataclass(frozen=True)
class Terms:
    """What to look for, already folded as the search text is (use_cases/search.py)."""

    kind: Kind
    text: str  # words, or a phone's digits, or an address's part before the @
    pattern: str | None = None  # LIKE pattern: digits in the text, or part of an address
    email_key: str | None = None  # the address as typed, as an identity


@dataclass(frozen=True)
class After:
    """The last match of the previous page."""

    rank: float
    id: uuid.UUID


def statement(kind: Kind, *, paged: bool) -> str:
    """The statement of one kind of search, then the cursor's rank and id when `paged`,
    then the limit, as its parameters."""
    rank, n = f"({RANK[kind]})::real", PARAMETERS[kind]
    keyset = f" AND ({rank}, p.id) < (${n + 1}::real, ${n + 2}::uuid)" if paged else ""
    limit = f"${n + 3}" if paged else f"${n + 1}"
    return (f"SELECT {COLUMNS}, {rank} AS rank FROM prospects p "
            f"WHERE p.erased_at IS NULL AND {MATCH[kind]}{keyset} "
            f"ORDER BY rank DESC, p.id DESC LIMIT {limit}")


def arguments(terms: Terms, after: After | None, limit: int) -> list:
    args = [terms.text, terms.pattern, terms.email_key][:PARAMETERS[terms.kind]]
    if after is not None:
        args += [after.rank, after.id]
    return [*args, limit]


async def search(conn: asyncpg.Connection, terms: Terms, after: After | None,
                 limit: int) -> list[asyncpg.Record]:
    """Up to `limit` matches, best first, after `after`; the caller asks one more than a
    page to know whether there is a next one."""
    async with conn.transaction():
        await conn.execute(SETTINGS, str(THRESHOLD))
        return await conn.fetch(statement(terms.kind, paged=after is not None),
                                *arguments(terms, after, limit))
