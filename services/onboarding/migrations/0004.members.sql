-- Installed solos: the members' network, and the follow-ups that tell who stays.
CREATE TABLE members (
    id                uuid PRIMARY KEY,
    case_id           uuid NOT NULL UNIQUE REFERENCES cases,   -- one member per case
    prospect_id       uuid NOT NULL,
    first_name        text,          -- personal data: NULL once anonymised
    last_name         text,
    village           text NOT NULL REFERENCES villages (insee_code),
    installed_on      date NOT NULL,
    household_size    integer NOT NULL CHECK (household_size BETWEEN 1 AND 99),
    sector            text,
    origin_country    text,
    -- The directory card: shown to other members only when `listed` (the member opted in).
    listed            boolean NOT NULL DEFAULT false,
    profession        text,
    skills            text[] NOT NULL DEFAULT '{}',
    website           text,
    short_description text,
    card_updated_at   timestamptz,
    anonymised_at     timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX members_prospect ON members (prospect_id);
CREATE INDEX members_listed_by_village ON members (village) WHERE listed;

CREATE TABLE follow_ups (
    member_id      uuid NOT NULL REFERENCES members ON DELETE CASCADE,
    months         smallint NOT NULL CHECK (months IN (1, 6, 12)),
    due_on         date NOT NULL,
    recorded_at    timestamptz,
    recorded_by    text,
    still_here     boolean,
    activity_going boolean,
    note           text,
    PRIMARY KEY (member_id, months),
    CHECK ((recorded_at IS NULL) = (still_here IS NULL)),
    CHECK ((recorded_at IS NULL) = (activity_going IS NULL))
);

CREATE INDEX follow_ups_pending_by_due ON follow_ups (due_on) WHERE recorded_at IS NULL;
