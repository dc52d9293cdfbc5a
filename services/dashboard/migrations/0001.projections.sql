-- The dashboard's projections: small tables updated as each event is handled, never a
-- scan of an event log. `soho dashboard rebuild` refills copies of them from the stream
-- soho.events.log and swaps them in (services/dashboard/store/rebuild.py lists them).

-- Every figure, as a running sum per (dimension, key, measure): ('total', '', 'contacts'),
-- ('origin_country', 'NL', 'prospects'), ('booking_week', '2026-W03', 'standing')...
-- Reading the figures reads this table, whose size depends on the number of countries,
-- sectors, villages, weeks and telecentres, not on the number of events.
CREATE TABLE figure (
    dimension text   NOT NULL,
    key       text   NOT NULL,
    measure   text   NOT NULL,
    value     bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (dimension, key, measure)
);

-- What the events said about each thing counted, so that a repeated or late event moves
-- the figures exactly once (domain/*.py: a state, how an event changes it, what it counts).
-- Ids only: no name, email or message of anyone.
CREATE TABLE contact (
    id      uuid PRIMARY KEY,              -- contact_id
    known   boolean NOT NULL DEFAULT false,
    channel text,
    version text NOT NULL DEFAULT ''
);

CREATE TABLE person (
    id                     uuid PRIMARY KEY,  -- prospect_id
    contacted              boolean NOT NULL DEFAULT false,
    qualified              boolean NOT NULL DEFAULT false,
    installed              boolean NOT NULL DEFAULT false,
    erased                 boolean NOT NULL DEFAULT false,
    origin_country         text,
    origin_country_version text NOT NULL DEFAULT '',
    sector                 text,
    sector_version         text NOT NULL DEFAULT ''
);

CREATE TABLE member (
    id                   uuid PRIMARY KEY,    -- member_id
    known                boolean NOT NULL DEFAULT false,
    prospect_id          uuid,
    installed            boolean NOT NULL DEFAULT false,
    installed_on         date,
    insee_code           text,
    household_size       integer NOT NULL DEFAULT 0,
    installation_version text NOT NULL DEFAULT '',
    booked               boolean NOT NULL DEFAULT false,
    last_booking_on      date
);

CREATE INDEX member_prospect ON member (prospect_id);

CREATE TABLE booking (
    id            uuid PRIMARY KEY,           -- booking_id
    booked        boolean NOT NULL DEFAULT false,
    cancelled     boolean NOT NULL DEFAULT false,
    telecentre_id uuid,
    week          text,
    minutes       integer NOT NULL DEFAULT 0,
    version       text NOT NULL DEFAULT ''
);

CREATE TABLE desk (
    id            uuid PRIMARY KEY,           -- desk_id
    telecentre_id uuid,
    version       text NOT NULL DEFAULT ''
);

CREATE TABLE notification (
    id      uuid PRIMARY KEY,                 -- notification_id
    sent    boolean NOT NULL DEFAULT false,
    failed  boolean NOT NULL DEFAULT false,
    channel text,
    version text NOT NULL DEFAULT ''
);

-- The latest events, for the feed shown when the page opens (non-personal facts only;
-- the ids let an erasure remove the person's lines). Kept short by the projection.
CREATE TABLE recent_event (
    event_id    uuid PRIMARY KEY,
    type        text NOT NULL,
    occurred_at timestamptz NOT NULL,
    facts       jsonb NOT NULL DEFAULT '{}',
    prospect_id uuid,
    member_id   uuid
);

CREATE INDEX recent_event_newest ON recent_event (occurred_at DESC, event_id DESC);
CREATE INDEX recent_event_prospect ON recent_event (prospect_id);
CREATE INDEX recent_event_member ON recent_event (member_id);
