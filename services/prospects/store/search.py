"""Staff search over prospects (migrations/0002.search.sql), three kinds, each read in an
order an index gives, so that a page costs what its 21 rows cost, whether 3 people match
or 200,000 (bench/search.py, at a million prospects):

- words (names, town of origin): each typed word stands for up to 4 words people have
  (`search_candidates`: the same, or close by trigrams or by edits: "Dupnot" is Dupont,
  "Helene" Hélène); a combination of one word per typed word is a match, scored by the sum
  of their closeness. The people of a combination are read from `search_words` (word,
  prospect_id) in the order of their id, starting from its rarest word and checking the
  others by primary key, 21 at a most: best combination first, then by id;
- a phone number (6 digits or more): its digits inside the search text
  (`LIKE '%612345678%'`, through the text's trigram index: a handful of people), by id;
- the beginning of an email address: a range of `prospects_by_email_prefix`, in the order
  of the addresses (the exact address first: it is the shortest).

Keyset pages: after the last row's (rank, key), key being the id, or the address."""

import itertools
import uuid
from dataclasses import dataclass
from typing import Literal

import asyncpg

COLUMNS = ("p.id, p.first_name, p.last_name, p.email, p.phone, p.origin_city, "
           "p.origin_country, p.stage, p.created_at")
# Combinations of candidate words read for one page: the best ones (a query of four words
# with four candidates each would make 256).
MAX_COMBINATIONS = 8
LAST_ID = "ffffffff-ffff-ffff-ffff-ffffffffffff"

Kind = Literal["words", "phone", "email"]


@dataclass(frozen=True)
class Terms:
    """What to look for, already folded as the stored text is (use_cases/search.py)."""

    kind: Kind
    text: str  # the words (space-separated), a phone's digits, or an address's beginning
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class After:
    """The last match of the previous page: its rank and its key (id, or address)."""

    rank: float
    key: str


BY_ADDRESS = f"""
SELECT {COLUMNS}, 1::real AS rank, p.email_key AS key FROM prospects p
WHERE p.erased_at IS NULL AND p.email_key LIKE $1 AND p.email_key ~>~ $2
ORDER BY p.email_key USING ~<~ LIMIT $3
"""

# Materialized: collected through the trigram index (at 6 digits, a handful of people), never
# by walking the primary key in the hope of meeting them.
BY_PHONE = f"""
WITH matched AS MATERIALIZED (
    SELECT {COLUMNS} FROM prospects p
     WHERE p.erased_at IS NULL AND p.search_text LIKE $1
)
SELECT *, 1::real AS rank, id::text AS key FROM matched
 WHERE id < $2::uuid ORDER BY id DESC LIMIT $3
"""

CANDIDATES = "SELECT nth, word, closeness, people FROM search_candidates($1::text[])"

# $1 scores, $2 the rarest word of each combination, $3 its other words, $4 all its words
# (space-separated); $5, $6 the cursor (rank, id); $7 the limit. A person who matches a
# better combination too is left to that one (no one twice, no one skipped).
BY_WORDS = f"""
WITH combination AS (
    SELECT c.score, c.rarest, string_to_array(c.others, ' ') AS others,
           string_to_array(c.words, ' ') AS words
      FROM unnest($1::real[], $2::text[], $3::text[], $4::text[])
           AS c(score, rarest, others, words)
     WHERE c.score <= $5::real
), hit AS (
    SELECT DISTINCT c.score, h.prospect_id
      FROM combination c CROSS JOIN LATERAL (
           SELECT a.prospect_id FROM search_words a
            WHERE a.word = c.rarest
              AND a.prospect_id < CASE WHEN c.score = $5::real THEN $6::uuid
                                       ELSE '{LAST_ID}'::uuid END
              AND NOT EXISTS (SELECT 1 FROM unnest(c.others) AS o(word)
                               WHERE NOT EXISTS (SELECT 1 FROM search_words b
                                                  WHERE b.word = o.word
                                                    AND b.prospect_id = a.prospect_id))
              AND NOT EXISTS (SELECT 1 FROM combination better
                               WHERE better.score > c.score
                                 AND NOT EXISTS (SELECT 1 FROM unnest(better.words) AS o(word)
                                                  WHERE NOT EXISTS (
                                                        SELECT 1 FROM search_words b
                                                         WHERE b.word = o.word
                                                           AND b.prospect_id = a.prospect_id)))
            ORDER BY a.prospect_id DESC
            LIMIT $7) AS h
)
SELECT {COLUMNS}, hit.score AS rank, p.id::text AS key
  FROM hit JOIN prospects p ON p.id = hit.prospect_id AND p.erased_at IS NULL
 ORDER BY hit.score DESC, p.id DESC
 LIMIT $7
"""


@dataclass(frozen=True)
class Combination:
    score: float
    words: tuple[str, ...]
    rarest: str


def combinations(candidates: list[asyncpg.Record], typed: int) -> list[Combination]:
    """One candidate word per typed word, the best scores first; none when a typed word
    stands for no one's word."""
    per_word: dict[int, list[asyncpg.Record]] = {}
    for row in candidates:
        per_word.setdefault(row["nth"], []).append(row)
    if len(per_word) < typed:
        return []
    made: dict[tuple[str, ...], Combination] = {}
    for picked in itertools.product(*per_word.values()):
        words = tuple(sorted({row["word"] for row in picked}))
        score = sum(row["closeness"] for row in picked)
        rarest = min(picked, key=lambda row: (row["people"], row["word"]))["word"]
        if words not in made or made[words].score < score:
            made[words] = Combination(score, words, rarest)
    ranked = sorted(made.values(), key=lambda c: (-c.score, c.words))
    return ranked[:MAX_COMBINATIONS]


async def search(conn: asyncpg.Connection, terms: Terms, after: After | None,
                 limit: int) -> list[asyncpg.Record]:
    """Up to `limit` matches, best first, after `after`; the caller asks one more than a
    page to know whether there is a next one."""
    if terms.kind == "email":
        return await conn.fetch(BY_ADDRESS, _prefix(terms.text), after.key if after else "",
                                limit)
    if terms.kind == "phone":
        return await conn.fetch(BY_PHONE, f"%{terms.text}%", after.key if after else LAST_ID,
                                limit)
    found = combinations(await conn.fetch(CANDIDATES, list(terms.words)), len(terms.words))
    if not found:
        return []
    return await conn.fetch(
        BY_WORDS, [c.score for c in found], [c.rarest for c in found],
        [" ".join(w for w in c.words if w != c.rarest) for c in found],
        [" ".join(c.words) for c in found], after.rank if after else float("inf"),
        uuid.UUID(after.key) if after else uuid.UUID(LAST_ID), limit)


def _prefix(text: str) -> str:
    """A LIKE pattern for what starts with `text`, its own % and _ taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
