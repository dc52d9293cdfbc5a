-- Installation cases: one per qualified prospect, with its checklist.

-- Prospects erased before (or while) their qualification travelled: never reopen a case.
CREATE TABLE erased_prospects (
    prospect_id uuid PRIMARY KEY,
    erased_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cases (
    id                 uuid PRIMARY KEY,
    prospect_id        uuid NOT NULL,
    status             text NOT NULL DEFAULT 'open'
                       CHECK (status IN ('open', 'installed', 'abandoned')),
    first_name         text,          -- personal data: NULL once anonymised
    last_name          text,
    email              text,
    locale             text NOT NULL CHECK (locale IN ('fr', 'en')),
    household_size     integer NOT NULL CHECK (household_size BETWEEN 1 AND 99),
    children           integer CHECK (children >= 0 AND children < household_size),
    sector             text,
    origin_country     text,
    target_villages    text[] NOT NULL DEFAULT '{}',
    qualified_by       text,
    qualified_event_id uuid NOT NULL,
    opened_at          timestamptz NOT NULL,
    notes              text,
    closed_at          timestamptz,
    abandon_reason     text,
    anonymised_at      timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'abandoned') = (abandon_reason IS NOT NULL)),
    CHECK ((status = 'open') = (closed_at IS NULL))
);

-- A prospect has at most one case in progress or installed; an abandoned one may be retried.
CREATE UNIQUE INDEX cases_one_active_per_prospect ON cases (prospect_id)
    WHERE status <> 'abandoned';
CREATE INDEX cases_opened_at ON cases (opened_at DESC);

CREATE TABLE case_steps (
    case_id       uuid NOT NULL REFERENCES cases ON DELETE CASCADE,
    key           text NOT NULL,
    position      smallint NOT NULL,
    owner_role    text NOT NULL CHECK (owner_role IN ('adviser', 'household', 'committee')),
    due_on        date NOT NULL,
    prerequisites text[] NOT NULL DEFAULT '{}',
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'skipped')),
    resolved_at   timestamptz,
    resolved_by   text,
    skip_reason   text,
    note          text,
    PRIMARY KEY (case_id, key),
    CHECK ((status = 'skipped') = (skip_reason IS NOT NULL)),
    CHECK ((status = 'pending') = (resolved_at IS NULL))
);

CREATE INDEX case_steps_pending_by_due ON case_steps (due_on) WHERE status = 'pending';
