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

    CREATE TABLE search_vocabulary (word text PRIMARY KEY);
    EXECUTE format('CREATE INDEX search_vocabulary_trigrams ON search_vocabulary '
                   'USING gin (word %I.gin_trgm_ops)', trgm_schema);
    CREATE TABLE search_words (  -- no foreign key: one lookup less per word at intake
        word        text NOT NULL,
        prospect_id uuid NOT NULL,
        PRIMARY KEY (word, prospect_id)
    );

    -- The words a typed one may stand for: up to 4 per typed word, the closest first, how
    -- close (1 the same; else word similarity, or one minus the edit distance over the
    -- length when that is closer: "dupnot" is 0.43 of "dupont" in trigrams, 0.67 in edits),
    -- and how many people have each (counted up to 10,000: store/search.py starts from the
    -- rarest). The threshold and the extensions' schemas are this function's own settings.
    CREATE EXTENSION IF NOT EXISTS fuzzystrmatch SCHEMA public;
    EXECUTE format($f$
        CREATE FUNCTION search_candidates(typed text[])
        RETURNS TABLE (nth bigint, word text, closeness real, people bigint)
        LANGUAGE sql STABLE PARALLEL SAFE
        SET pg_trgm.word_similarity_threshold = 0.4
        SET search_path FROM CURRENT
        BEGIN ATOMIC
            SELECT t.nth, c.word, c.closeness,
                   (SELECT count(*) FROM (SELECT 1 FROM search_words s WHERE s.word = c.word
                                          LIMIT 10000) AS counted)
              FROM unnest(typed) WITH ORDINALITY AS t(typed, nth)
             CROSS JOIN LATERAL (
                   SELECT v.word, greatest(
                              %1$I.word_similarity(t.typed, v.word),
                              1 - %2$I.levenshtein(t.typed, v.word)::real
                                  / greatest(length(t.typed), length(v.word)))::real
                              AS closeness
                     FROM search_vocabulary v
                    WHERE t.typed OPERATOR(%1$I.<%%) v.word
                    ORDER BY closeness DESC, v.word
                    LIMIT 4) AS c;
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

CREATE INDEX search_words_by_prospect ON search_words (prospect_id);

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
