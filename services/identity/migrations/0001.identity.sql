-- The identity service's own tables (search_path is its schema). Secrets (session and
-- link tokens) are stored only as their SHA-256: a copy of this database opens nothing.

-- One account per person and email address: staff (password), solos and committees
-- (emailed links). A solo's account is tied to their member id, a committee's to its village.
CREATE TABLE accounts (
    id              uuid PRIMARY KEY,
    role            text NOT NULL CHECK (role IN ('staff', 'solo', 'committee')),
    email           text NOT NULL UNIQUE CHECK (email = lower(email)),
    name            text NOT NULL DEFAULT '',
    locale          text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
    password_hash   text,                      -- staff, once they chose one (Argon2id)
    admin           boolean NOT NULL DEFAULT false,
    member_id       uuid UNIQUE,               -- solo accounts
    prospect_id     uuid,                      -- solo accounts: erased with the person
    village         text,                      -- committee accounts: the INSEE code
    disabled_at     timestamptz,
    failed_sign_ins integer NOT NULL DEFAULT 0,  -- in a row; reset by a good sign-in
    slowed_until    timestamptz,               -- after repeated failures, no attempt before
    last_sign_in_at timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'solo' OR member_id IS NOT NULL),
    CHECK (role <> 'committee' OR village IS NOT NULL),
    CHECK (role = 'staff' OR (password_hash IS NULL AND NOT admin))
);
CREATE INDEX accounts_prospect ON accounts (prospect_id) WHERE prospect_id IS NOT NULL;
CREATE INDEX accounts_village ON accounts (village) WHERE village IS NOT NULL;

-- A signed-in browser: the cookie holds the token, this table its hash. Ends when idle
-- longer than idle_seconds, at expires_at whatever happens, or at sign-out (row deleted).
CREATE TABLE sessions (
    token_hash   bytea PRIMARY KEY,
    account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    idle_seconds integer NOT NULL CHECK (idle_seconds > 0),
    expires_at   timestamptz NOT NULL,
    client       text                          -- the address it was opened from
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Emailed links: an invitation or a reset (choose a password), or a sign-in link. Single
-- use: used_at is set in the statement that uses it.
CREATE TABLE links (
    token_hash bytea PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('invitation', 'reset', 'sign_in')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX links_account ON links (account_id);
CREATE INDEX links_expiry ON links (expires_at);

-- Every sign-in, failure, invitation and role change, for staff admins to read. The email
-- is kept only to name attempts on unknown addresses and is blanked on erasure.
CREATE TABLE audit_log (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    action     text NOT NULL,
    actor_id   uuid,                           -- who did it (an admin), or the person
    subject_id uuid,                           -- whose account it concerns
    email      text,
    client     text,                           -- the client's address
    detail     text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_newest ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_subject ON audit_log (subject_id);

-- Attempts counted per key ("sign_in:email:x", "link:client:1.2.3.4") in fixed windows,
-- shared by every copy of the service (an in-process counter would not be).
CREATE TABLE throttle (
    key          text NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer NOT NULL DEFAULT 0,
    PRIMARY KEY (key, window_start)
);

-- What identity learnt of qualified prospects (prospect.qualified), to open a solo's
-- account when solo.installed arrives. Deleted on prospect.erased.
CREATE TABLE prospects (
    prospect_id uuid PRIMARY KEY,
    email       text NOT NULL,
    first_name  text NOT NULL DEFAULT '',
    last_name   text NOT NULL DEFAULT '',
    locale      text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
    learnt_at   timestamptz NOT NULL DEFAULT now()
);

-- Installations (solo.installed) waiting for, or matched with, the prospect's row: the two
-- events travel on different queues, so either may come first; the welcome goes once both
-- are here. Deleted on prospect.erased.
CREATE TABLE installations (
    prospect_id  uuid PRIMARY KEY,
    member_id    uuid NOT NULL,
    village_name text NOT NULL,
    learnt_at    timestamptz NOT NULL DEFAULT now()
);

-- Emails identity sends itself (invitation, reset, sign-in link, welcome): written in the
-- transaction that issues the link, sent by the mail worker, retried with backoff. The
-- bodies hold a live link, so they are cleared once sent.
CREATE TABLE outgoing_mail (
    id              uuid PRIMARY KEY,
    account_id      uuid REFERENCES accounts (id) ON DELETE CASCADE,
    to_address      text NOT NULL,
    template        text NOT NULL,
    subject         text NOT NULL,
    text_body       text,
    html_body       text,
    message_id      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    leased_until    timestamptz,
    sent_at         timestamptz,
    failed_at       timestamptz,               -- gave up
    last_error      text
);
CREATE INDEX outgoing_mail_due ON outgoing_mail (next_attempt_at)
    WHERE sent_at IS NULL AND failed_at IS NULL;
