-- Staff search (issue 16, store/search.py).
--
-- Names and towns: each word of a person's names and town of origin, folded, with the
-- person (search_words), so that the people with a word come in the order of their id from
-- the primary key, 21 at a time, even when 100,000 of them come from Paris; and the distinct
-- words (search_vocabulary) with a trigram index, to find the words a mistyped one stands
-- for. The intake adds both in its one statement; erasure deletes the person's words.
--
-- The search text also holds the town and the phone's digits (a phone number is searched
-- inside it through its trigram index, 0001), and the email identity has a prefix index
-- (the beginning of an address, in the order of the addresses).

DO $$
DECLARE
    unaccent_schema text;
    trgm_schema text;
BEGIN
    CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
    SELECT n.nspname INTO unaccent_schema
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'unaccent';
    SELECT n.nspname INTO trgm_schema
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'pg_trgm';
    -- unaccent() is only STABLE (its dictionary could change); with the dictionary named,
    -- the result depends on the text alone. The same folding as domain/normalisation.py
    -- `search_text`, for what only the database knows (below, and intake's upsert).
    EXECUTE format($f$
        CREATE FUNCTION search_folded(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN nullif(btrim(regexp_replace(lower(%1$I.unaccent(%2$L::regdictionary, value)),
                                           '\s+', ' ', 'g')), '')$f$,
        unaccent_schema, format('%I.unaccent', unaccent_schema));

    -- In byte order: the words that begin with a short typed word are a range of the key.
    CREATE TABLE search_vocabulary (word text COLLATE "C" PRIMARY KEY);
    EXECUTE format('CREATE INDEX search_vocabulary_trigrams ON search_vocabulary '
                   'USING gin (word %I.gin_trgm_ops)', trgm_schema);
    CREATE TABLE search_words (  -- no foreign key: one lookup less per word at intake
        word        text NOT NULL,
        prospect_id uuid NOT NULL,
        PRIMARY KEY (word, prospect_id)
    );

    -- The words a typed one may stand for: up to 4 per typed word, the closest first, how
    -- close (1 the same; else word similarity, or one minus the edit distance over the
    -- length when that is closer: "dupnot" is 0.43 of "dupont" in trigrams, 0.67 in edits;
    -- a word of up to 4 letters stands for itself and the words it begins),
    -- only those within 0.25 of the closest ("sainte" for "saint", not "oliver" for
    -- "olivia"), and how many people have each, counted up to 300, with the share of all
    -- words of the commonest (ANALYZE's statistics: "sur", "saint", "marie"; those are not
    -- counted), so that store/search.py starts from the rarest. The threshold and the
    -- extensions' schemas are this function's own settings.
    CREATE EXTENSION IF NOT EXISTS fuzzystrmatch SCHEMA public;
    EXECUTE format($f$
        CREATE FUNCTION search_candidates(typed text[])
        RETURNS TABLE (nth bigint, word text, closeness real, people bigint, share real)
        LANGUAGE sql STABLE PARALLEL SAFE
        SET pg_trgm.word_similarity_threshold = 0.4
        BEGIN ATOMIC
            WITH common AS MATERIALIZED (
                SELECT m.word, m.share
                  FROM pg_stats AS st,
                       unnest(st.most_common_vals::text::text[], st.most_common_freqs)
                       AS m(word, share)
                 WHERE st.schemaname = (SELECT relnamespace::regnamespace::text
                                          FROM pg_class WHERE oid = 'search_words'::regclass)
                   AND st.tablename = 'search_words' AND st.attname = 'word'
            ), candidate AS (
                SELECT t.nth, c.word, c.closeness
                  FROM unnest(typed) WITH ORDINALITY AS t(typed, nth)
                 CROSS JOIN LATERAL (
                       SELECT top.word, top.closeness, max(top.closeness) OVER () AS best
                         FROM (SELECT v.word, greatest(
                                          %1$I.word_similarity(t.typed, v.word),
                                          1 - %2$I.levenshtein(t.typed, v.word)::real
                                              / greatest(length(t.typed), length(v.word))
                                      )::real AS closeness
                                 FROM search_vocabulary v
                                WHERE length(t.typed) > 4
                                  AND t.typed OPERATOR(%1$I.<%%) v.word
                                UNION ALL
                               -- Up to 4 letters ("roy", "sur", "jean"): that word or the
                               -- words it begins (a typo there is another name).
                               SELECT v.word, CASE WHEN v.word = t.typed THEN 1
                                                   ELSE %1$I.word_similarity(t.typed, v.word)
                                              END::real
                                 FROM search_vocabulary v
                                WHERE length(t.typed) <= 4
                                  AND v.word >= t.typed COLLATE "C"
                                  AND v.word < (t.typed || chr(1114111)) COLLATE "C"
                                ORDER BY closeness DESC, word
                                LIMIT 4) AS top) AS c
                 WHERE c.closeness >= c.best - 0.25
            )
            SELECT candidate.nth, candidate.word COLLATE "default", candidate.closeness,
                   CASE WHEN common.share IS NOT NULL THEN 300 ELSE (
                        SELECT count(*) FROM (SELECT 1 FROM search_words s
                                               WHERE s.word = candidate.word COLLATE "default"
                                               LIMIT 300) AS n)
                   END,
                   common.share
              FROM candidate LEFT JOIN common ON common.word = candidate.word;
        END$f$, trgm_schema, (SELECT n.nspname FROM pg_extension e
                              JOIN pg_namespace n ON n.oid = e.extnamespace
                              WHERE e.extname = 'fuzzystrmatch'));
END
$$;

-- "+33 6 12 34 56 78" -> "33612345678", "06 12 34 56 78" -> "612345678": the digits without
-- leading zeros (domain/normalisation.py `phone_digits`).
CREATE FUNCTION search_phone(phone text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN nullif(ltrim(regexp_replace(phone, '[^0-9]', '', 'g'), '0'), '');

-- A person's words: erasure deletes them, and the search checks who has a word from here
-- too (index only).
CREATE INDEX search_words_by_prospect ON search_words (prospect_id, word);

CREATE INDEX prospects_by_email_prefix ON prospects (email_key text_pattern_ops)
    WHERE erased_at IS NULL;

-- The people already there.
UPDATE prospects
   SET search_text = concat_ws(' ', search_text, search_folded(origin_city),
                               search_phone(phone))
 WHERE erased_at IS NULL AND (origin_city IS NOT NULL OR phone IS NOT NULL);
INSERT INTO search_words (word, prospect_id)
SELECT DISTINCT w, id
  FROM prospects,
       regexp_split_to_table(search_folded(concat_ws(' ', first_name, last_name, origin_city)),
                             '[^[:alnum:]]+') AS w
 WHERE erased_at IS NULL AND length(w) > 1;
INSERT INTO search_vocabulary (word) SELECT DISTINCT word FROM search_words;
