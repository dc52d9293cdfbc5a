-- Staff search (issue 16): the search text also holds the town of origin and the phone's
-- digits, so one trigram index (prospects_search, 0001) answers names, email, phone and
-- town. The intake writes the text (domain/normalisation.py `searchable`); these two
-- functions say the same in SQL, for what only the database knows: a returning person who
-- leaves out their phone or town keeps them (intake's upsert), and the rows already there.

DO $$
DECLARE
    unaccent_schema text;
BEGIN
    CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
    SELECT n.nspname INTO unaccent_schema
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'unaccent';
    -- unaccent() is only STABLE (its dictionary could change); with the dictionary named,
    -- the result depends on the text alone, as an index or a generated value needs.
    EXECUTE format($f$
        CREATE FUNCTION search_folded(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN nullif(btrim(regexp_replace(lower(%1$I.unaccent(%2$L::regdictionary, value)),
                                           '\s+', ' ', 'g')), '')$f$,
        unaccent_schema, format('%I.unaccent', unaccent_schema));
END
$$;

-- "+33 6 12 34 56 78" -> "33612345678", "06 12 34 56 78" -> "612345678": the digits without
-- leading zeros, so a number typed nationally is found inside one stored internationally.
CREATE FUNCTION search_phone(phone text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN nullif(ltrim(regexp_replace(phone, '[^0-9]', '', 'g'), '0'), '');

UPDATE prospects
   SET search_text = concat_ws(' ', search_text, search_folded(origin_city),
                               search_phone(phone))
 WHERE erased_at IS NULL AND (origin_city IS NOT NULL OR phone IS NOT NULL);
