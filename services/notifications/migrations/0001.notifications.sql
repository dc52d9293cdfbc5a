-- The notifications service's own tables (search_path is its schema).

-- Where each village's welcome committee wants to hear of arrivals. This is this service's
-- own copy, edited through PUT /api/committees/{insee_code}; onboarding owns the committees
-- and should publish `village.committee_changed` so that this copy follows by itself.
CREATE TABLE committees (
    insee_code      text PRIMARY KEY,
    village_name    text NOT NULL,
    email           text,
    locale          text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
    webhook_url     text,
    webhook_secret  text,
    digest          text NOT NULL DEFAULT 'immediate' CHECK (digest IN ('immediate', 'weekly')),
    is_demo         boolean NOT NULL DEFAULT false,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (email IS NOT NULL OR webhook_url IS NOT NULL),
    CHECK (webhook_url IS NULL OR webhook_secret IS NOT NULL)
);

-- What this service learnt of people from events; erased on prospect.erased.
CREATE TABLE contacts (
    prospect_id  uuid PRIMARY KEY,
    email        text NOT NULL,
    first_name   text NOT NULL,
    last_name    text NOT NULL,
    locale       text NOT NULL,
    learnt_at    timestamptz NOT NULL  -- time of the event it came from: a later event wins
);

CREATE TABLE members (
    member_id    uuid PRIMARY KEY,
    prospect_id  uuid NOT NULL,
    insee_code   text NOT NULL
);
CREATE INDEX members_prospect ON members (prospect_id);

-- Events that name a person this service does not know yet (a desk.booked handled before
-- the solo.installed of its member): planned again when that person becomes known.
CREATE TABLE parked_events (
    event_id     uuid PRIMARY KEY,
    event_type   text NOT NULL,
    waiting_for  text NOT NULL CHECK (waiting_for IN ('prospect', 'member')),
    waiting_id   uuid NOT NULL,
    prospect_id  uuid,
    body         jsonb NOT NULL,
    parked_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parked_events_waiting ON parked_events (waiting_for, waiting_id);

-- One row per message: planned by the event handlers (inside the inbox transaction), sent
-- by the sender. The unique key makes a duplicated event plan nothing new.
CREATE TABLE deliveries (
    id               uuid PRIMARY KEY,
    event_id         uuid NOT NULL,
    event_type       text NOT NULL,
    recipient        text NOT NULL,   -- an email address, or committee:<insee> for webhooks
    channel          text NOT NULL CHECK (channel IN ('email', 'webhook')),
    template         text NOT NULL,
    locale           text NOT NULL,
    target           text,            -- the webhook URL
    village          text,            -- committee deliveries: whose webhook secret signs it
    prospect_id      uuid,            -- the person it is about, for erasure
    message_id       text,            -- the email's Message-ID, the same on every attempt
    subject          text,
    body_text        text,
    body_html        text,
    payload          jsonb,           -- the webhook's JSON body
    attachments      jsonb NOT NULL DEFAULT '[]',
    unsubscribe_url  text,
    status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'suppressed')),
    attempts         integer NOT NULL DEFAULT 0,
    -- pending: when to try; sending: when the lease of the sender that took it runs out
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    last_error_kind  text,            -- unreachable, transient, permanent
    resends          integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    CONSTRAINT deliveries_once UNIQUE (event_id, recipient, channel, template)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX deliveries_log ON deliveries (created_at DESC, id DESC);
CREATE INDEX deliveries_prospect ON deliveries (prospect_id) WHERE prospect_id IS NOT NULL;

-- Wake the senders at once (delivered on commit, never for a rolled-back row).
CREATE FUNCTION deliveries_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_deliveries', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER deliveries_notify AFTER INSERT ON deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION deliveries_notify();

-- Arrivals waiting for a committee's weekly digest.
CREATE TABLE digest_items (
    event_id         uuid NOT NULL,
    insee_code       text NOT NULL,
    prospect_id      uuid,
    arrival          jsonb NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    digest_event_id  uuid,            -- the digest that carried it
    PRIMARY KEY (event_id, insee_code)
);
CREATE INDEX digest_items_waiting ON digest_items (insee_code) WHERE digest_event_id IS NULL;

-- Staff-edited templates, taking precedence over the files in templates/.
CREATE TABLE template_overrides (
    name        text NOT NULL,
    locale      text NOT NULL CHECK (locale IN ('fr', 'en')),
    subject     text NOT NULL,
    body_text   text NOT NULL,
    body_html   text NOT NULL,
    updated_by  text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, locale)
);

-- Who asked for no more of a kind of non-essential message (the address is kept hashed).
CREATE TABLE suppressions (
    address_hash  text NOT NULL,
    stream        text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (address_hash, stream)
);
