"""Staff search over prospects (migrations/0002.search.sql), three kinds, each read in an
order an index gives, so that a page costs what its 21 rows cost, whether 3 people match
or 200,000 (bench/search.py, at a million prospects):

- words (names, town of origin): each typed word stands for up to 4 words people have
  (`search_candidates`: the same, or close by trigrams or by edits: "Dupnot" is Dupont,
  "Helene" Hélène); a combination of one word per typed word is a match, scored by the sum
  of their closeness. The people of a combination are read from `search_words` (word,
  prospect_id) in the order of their id, starting from its rarest word and checking the
  others by primary key, 21 at most: best score first, then by id; a lower score is read
  only when the better ones did not fill the page;
- a phone number (6 digits or more): its digits inside the search text
  (`LIKE '%612345678%'`, through the text's trigram index: a handful of people), by id;
- the beginning of an email address: a range of `prospects_by_email_prefix`, in the order
  of the addresses (the exact address first: it is the shortest).

Keyset pages: after the last row's (rank, key), key being the id, or the address."""

import itertools
import struct
import uuid
from dataclasses import dataclass
from typing import Literal

import asyncpg

COLUMNS = ("p.id, p.first_name, p.last_name, p.email, p.phone, p.origin_city, "
           "p.origin_country, p.stage, p.created_at")
# Combinations of candidate words read for one page: the best ones (a query of four words
# with four candidates each would make 256).
MAX_COMBINATIONS = 8
MAX_WORDS = 4  # typed words a search looks for (use_cases/search.py)
CLOSE_VARIANT = 0.25
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

CANDIDATES = ("SELECT nth, word, closeness, people, share "
              "FROM search_candidates($1::text[])")

# The people of the combinations of one score ($1), below the cursor's id ($3), in the order
# of their id, at most $4, who match no better combination ($2: theirs is an earlier page;
# checked last, by primary key). Two ways to read a combination's people (words are
# space-separated):
#
# - PROBE, from its rarest word when few people have it ($5), checking its other words ($6)
#   by primary key: a probe for each person of the rarest word at most;
# - MERGE, when its two rarest words ($5, $6) are each common: their lists, each in the
#   order of the ids, read side by side (a merge join: "lina" and "oliver", 9,000 and 16,000
#   people, no one with both, in 10 ms where 9,000 probes take 40), the other words ($7)
#   checked by probe.
NOT_BETTER = """
NOT EXISTS (SELECT 1 FROM unnest($2::text[]) AS better(words)
             WHERE NOT EXISTS (
                   SELECT 1 FROM unnest(string_to_array(better.words, ' ')) AS o(word)
                    WHERE NOT EXISTS (SELECT 1 FROM search_words b
                                       WHERE b.word = o.word AND b.prospect_id = {id})))
"""
PAGE = f"""
SELECT {COLUMNS}, $1::real AS rank, p.id::text AS key
  FROM hit JOIN prospects p ON p.id = hit.prospect_id AND p.erased_at IS NULL
 ORDER BY p.id DESC
 LIMIT $4
"""
PROBE = f"""
WITH hit AS (
    SELECT DISTINCT h.prospect_id
      FROM unnest($5::text[], $6::text[]) AS c(rarest, others) CROSS JOIN LATERAL (
           SELECT a.prospect_id FROM search_words a
            WHERE a.word = c.rarest AND a.prospect_id < $3::uuid
              AND CASE WHEN EXISTS (
                            SELECT 1 FROM unnest(string_to_array(c.others, ' ')) AS o(word)
                             WHERE NOT EXISTS (SELECT 1 FROM search_words b
                                                WHERE b.word = o.word
                                                  AND b.prospect_id = a.prospect_id))
                       THEN false
                       ELSE {NOT_BETTER.format(id="a.prospect_id")}
                  END
            ORDER BY a.prospect_id DESC
            LIMIT $4) AS h
)
{PAGE}"""


MERGE = f"""
WITH hit AS (
    SELECT DISTINCT h.prospect_id
      FROM unnest($5::text[], $6::text[], $7::text[]) AS c(first, second, others)
     CROSS JOIN LATERAL (
           SELECT j.prospect_id
             FROM (SELECT a.prospect_id  -- OFFSET 0: the checks below come after the merge
                     FROM search_words a JOIN search_words b
                          ON b.prospect_id = a.prospect_id AND b.word = c.second
                    WHERE a.word = c.first AND a.prospect_id < $3::uuid
                    ORDER BY a.prospect_id DESC
                   OFFSET 0) AS j
            WHERE CASE WHEN EXISTS (
                            SELECT 1 FROM unnest(string_to_array(c.others, ' ')) AS o(word)
                             WHERE NOT EXISTS (SELECT 1 FROM search_words b
                                                WHERE b.word = o.word
                                                  AND b.prospect_id = j.prospect_id))
                       THEN false
                       ELSE {NOT_BETTER.format(id="j.prospect_id")}
                  END
            ORDER BY j.prospect_id DESC
            LIMIT $4) AS h
)
{PAGE}"""
# Fewer people than this have the rarest word: PROBE (the count stops there, 0002).
FEW_PEOPLE = 300


@dataclass(frozen=True)
class Combination:
    score: float
    words: tuple[str, ...]  # the rarest first
    people: int  # who have its rarest word, counted up to FEW_PEOPLE

    @property
    def rarest(self) -> str:
        return self.words[0]


def combinations(candidates: list[asyncpg.Record], typed: int) -> list[Combination]:
    """One candidate word per typed word, the best scores first; none when a typed word
    stands for no one's word. A typed word that someone has keeps only its close variants
    (within 0.25: "sainte" for "saint"), so that far ones do not cost a read for nothing."""
    per_word: dict[int, list[asyncpg.Record]] = {}
    for row in candidates:
        per_word.setdefault(row["nth"], []).append(row)
    if len(per_word) < typed:
        return []
    kept = [[row for row in rows if row["closeness"] >= max(r["closeness"] for r in rows)
             - CLOSE_VARIANT] for rows in per_word.values()]
    made: dict[frozenset[str], Combination] = {}
    for picked in itertools.product(*kept):
        rarity = sorted({row["word"]: row for row in picked}.values(),
                        key=lambda row: (row["people"], row["share"] or 0, row["word"]))
        score = real(sum(row["closeness"] for row in picked))
        key = frozenset(row["word"] for row in rarity)
        if key not in made or made[key].score < score:
            made[key] = Combination(score, tuple(row["word"] for row in rarity),
                                    rarity[0]["people"])
    ranked = sorted(made.values(), key=lambda c: (-c.score, sorted(c.words)))
    return ranked[:MAX_COMBINATIONS]


def real(value: float) -> float:
    """The value as PostgreSQL's `real` holds it (a rank compared with a cursor's)."""
    return struct.unpack("f", struct.pack("f", value))[0]


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
    rows: list[asyncpg.Record] = []
    # The best score first; a lower one only while the page is not full.
    for score, group in itertools.groupby(found, key=lambda c: c.score):
        if after is not None and score > after.rank:
            continue  # pages before this one
        below = uuid.UUID(after.key) if after is not None and score == after.rank else LAST_ID
        better = [" ".join(c.words) for c in found if c.score > score]
        need, got = limit - len(rows), []
        for statement, arrays in _reads(list(group)):
            got += await conn.fetch(statement, score, better, below, need, *arrays)
        got.sort(key=lambda row: row["id"], reverse=True)
        rows += got[:need]
        if len(rows) >= limit:
            break
    return rows


def _reads(group: list[Combination]) -> list[tuple[str, list[list[str]]]]:
    """The statements that read a group of combinations, with their arrays."""
    probe = [c for c in group if c.people < FEW_PEOPLE or len(c.words) == 1]
    merge = [c for c in group if c not in probe]
    reads = []
    if probe:
        reads.append((PROBE, [[c.rarest for c in probe],
                              [" ".join(c.words[1:]) for c in probe]]))
    if merge:
        reads.append((MERGE, [[c.words[0] for c in merge], [c.words[1] for c in merge],
                              [" ".join(c.words[2:]) for c in merge]]))
    return reads


def _prefix(text: str) -> str:
    """A LIKE pattern for what starts with `text`, its own % and _ taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
