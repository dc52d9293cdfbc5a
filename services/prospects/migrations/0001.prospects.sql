-- Prospects: people considering a move to the Gers, one per email identity; their contacts,
-- their consent, the staff pipeline and its timeline.

CREATE TABLE prospects (
    id                 uuid PRIMARY KEY,
    email              text,
    email_key          text UNIQUE,          -- NFKC, case-folded, no spaces: one person
    first_name         text,
    last_name          text,
    phone              text,
    locale             text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
    origin_city        text,
    origin_country     text CHECK (origin_country ~ '^[A-Z]{2}$'),
    profession         text,
    sector             text,
    household_adults   smallint CHECK (household_adults BETWEEN 1 AND 20),
    household_children smallint CHECK (household_children BETWEEN 0 AND 30),
    household_size     smallint CHECK (household_size BETWEEN 1 AND 50),
    desired_villages   text[] NOT NULL DEFAULT '{}',   -- INSEE codes the person mentioned
    target_villages    text[] NOT NULL DEFAULT '{}',   -- INSEE codes agreed at qualification
    move_horizon       text,
    stage              text NOT NULL DEFAULT 'new'
                       CHECK (stage IN ('new', 'contacted', 'qualified', 'installing',
                                        'installed', 'lost')),
    lost_reason        text,
    assigned_to        text,
    score              smallint CHECK (score BETWEEN 0 AND 100),
    -- A prospect exists only because the person agreed to be contacted: the consent they
    -- gave last (each contact keeps its own), with the version of the exact text shown.
    consent_version    text NOT NULL CHECK (consent_version <> ''),
    consent_given_at   timestamptz NOT NULL,
    consent_source     text NOT NULL
                       CHECK (consent_source IN ('web_form', 'api', 'phone', 'email', 'event')),
    created_at         timestamptz NOT NULL,
    last_contact_at    timestamptz NOT NULL,
    erased_at          timestamptz,
    search_text        text,                 -- names and the email's local part, folded
    sort_name          text,
    CONSTRAINT identified_until_erased CHECK (erased_at IS NOT NULL OR (
        email IS NOT NULL AND email_key IS NOT NULL AND first_name IS NOT NULL
        AND last_name IS NOT NULL AND search_text IS NOT NULL AND sort_name IS NOT NULL)),
    CONSTRAINT anonymous_once_erased CHECK (erased_at IS NULL OR (
        email IS NULL AND email_key IS NULL AND first_name IS NULL AND last_name IS NULL
        AND phone IS NULL AND origin_city IS NULL AND profession IS NULL
        AND search_text IS NULL AND sort_name IS NULL AND lost_reason IS NULL)),
    CONSTRAINT lost_with_a_reason CHECK (stage <> 'lost' OR lost_reason IS NOT NULL
                                         OR erased_at IS NOT NULL)
);

-- Staff lists: keyset pagination on (sort column, id), filters that lead an index, only the
-- people not erased. Each stays an index range scan at a million rows.
CREATE INDEX prospects_by_created ON prospects (created_at, id) WHERE erased_at IS NULL;
CREATE INDEX prospects_by_last_contact ON prospects (last_contact_at, id)
    WHERE erased_at IS NULL;
CREATE INDEX prospects_by_name ON prospects (sort_name, id) WHERE erased_at IS NULL;
CREATE INDEX prospects_by_stage ON prospects (stage, created_at, id) WHERE erased_at IS NULL;
CREATE INDEX prospects_by_assignee ON prospects (assigned_to, created_at, id)
    WHERE erased_at IS NULL;
CREATE INDEX prospects_by_sector ON prospects (sector, created_at, id) WHERE erased_at IS NULL;
CREATE INDEX prospects_by_country ON prospects (origin_country, created_at, id)
    WHERE erased_at IS NULL;

-- Every village a prospect has in mind (desired or target), with the prospect's creation
-- time: "interested in Marciac, newest first" is a range of this key, whatever the size of
-- the list. Kept after erasure, like the counts.
CREATE TABLE prospect_villages (
    insee_code  text NOT NULL,
    created_at  timestamptz NOT NULL,
    prospect_id uuid NOT NULL REFERENCES prospects (id),
    PRIMARY KEY (insee_code, created_at, prospect_id)
);

-- Search anywhere in names and email: trigrams. The extension is database-wide; use it
-- from whichever schema it already lives in.
DO $$
DECLARE
    trgm_schema text;
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
    SELECT n.nspname INTO trgm_schema
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX prospects_search ON prospects '
                   'USING gin (search_text %I.gin_trgm_ops) WHERE erased_at IS NULL',
                   trgm_schema);
END
$$;

-- Every time the person got in touch, with what they said then and the consent they gave.
CREATE TABLE contacts (
    id               uuid PRIMARY KEY,
    prospect_id      uuid NOT NULL REFERENCES prospects (id),
    channel          text NOT NULL CHECK (channel IN ('web', 'phone', 'email', 'event')),
    received_at      timestamptz NOT NULL,
    recorded_by      text,                   -- the staff member, for phone, email, event
    locale           text NOT NULL CHECK (locale IN ('fr', 'en')),
    submitted        jsonb,                  -- the fields as given (NULL once erased)
    consent_version  text NOT NULL CHECK (consent_version <> ''),
    consent_given_at timestamptz NOT NULL,
    consent_source   text NOT NULL
                     CHECK (consent_source IN ('web_form', 'api', 'phone', 'email', 'event'))
);
CREATE INDEX contacts_by_prospect ON contacts (prospect_id, received_at);

-- What happened to a prospect, by whom and when: stage changes, notes, assignment,
-- qualification, installation, erasure. (Each contact is an entry too, read from contacts.)
CREATE TABLE timeline (
    id          bigserial PRIMARY KEY,
    prospect_id uuid NOT NULL REFERENCES prospects (id),
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('stage', 'note', 'assignment',
                                              'qualification', 'installed', 'erased')),
    details     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX timeline_by_prospect ON timeline (prospect_id, at, id);

-- One qualification per prospect: qualifying twice is a conflict.
CREATE TABLE qualifications (
    prospect_id           uuid PRIMARY KEY REFERENCES prospects (id),
    remote_work_viability text NOT NULL
                          CHECK (remote_work_viability IN ('confirmed', 'likely', 'to_confirm')),
    household_adults      smallint NOT NULL CHECK (household_adults BETWEEN 1 AND 20),
    household_children    smallint NOT NULL CHECK (household_children BETWEEN 0 AND 30),
    target_villages       text[] NOT NULL,
    move_horizon          text NOT NULL,
    sector                text,
    score                 smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
    score_reasons         jsonb NOT NULL,
    notes                 text,
    qualified_by          text NOT NULL,
    qualified_at          timestamptz NOT NULL
);

-- A retried POST with the same Idempotency-Key answers the first response.
CREATE TABLE idempotency_keys (
    scope        text NOT NULL,
    key          text NOT NULL,
    request_hash bytea NOT NULL,
    response     jsonb,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- Erasure deletes the events already published about a person (subject = prospect id).
CREATE INDEX outbox_published_by_subject ON outbox (subject) WHERE published_at IS NOT NULL;
