-- Bookings: places (telecentres, coworking spaces), their resources, members, bookings.
-- Times are timestamptz (UTC); opening hours and closures are Paris wall-clock values.

-- btree_gist lets an exclusion constraint mix "=" on a uuid with "&&" on a range.
-- Extensions are database-wide: created once, in public, whoever comes first.
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

CREATE TABLE places (
    id          uuid PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('telecentre', 'coworking')),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    insee_code  text NOT NULL CHECK (insee_code ~ '^[0-9][0-9AB][0-9]{3}$'),
    commune     text NOT NULL,
    address     text NOT NULL,
    demo        boolean NOT NULL DEFAULT false,  -- demonstration data, not a real place
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE opening_hours (
    place_id  uuid NOT NULL REFERENCES places ON DELETE CASCADE,
    weekday   smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),  -- 0 = Monday
    opens     time NOT NULL,
    closes    time NOT NULL CHECK (opens < closes),
    PRIMARY KEY (place_id, weekday)
);

-- Days a place is closed, set by staff (public holidays are computed, not stored).
CREATE TABLE closures (
    place_id  uuid NOT NULL REFERENCES places ON DELETE CASCADE,
    day       date NOT NULL,
    reason    text NOT NULL,
    PRIMARY KEY (place_id, day)
);

CREATE TABLE resources (
    id            uuid PRIMARY KEY,
    place_id      uuid NOT NULL REFERENCES places,
    kind          text NOT NULL CHECK (kind IN ('hot_desk', 'private_office', 'meeting_room')),
    name          text NOT NULL,
    capacity      integer NOT NULL CHECK (capacity BETWEEN 1 AND 200),
    booking_mode  text NOT NULL CHECK (
        CASE kind WHEN 'meeting_room' THEN booking_mode = 'hour'
                  ELSE booking_mode IN ('half_day', 'day') END),
    active        boolean NOT NULL DEFAULT true,
    UNIQUE (place_id, name)
);

-- This service's own copy of the members, learned from solo.installed.
CREATE TABLE members (
    member_id      uuid PRIMARY KEY,
    prospect_id    uuid NOT NULL,
    village_insee  text NOT NULL,
    village_name   text NOT NULL,
    installed_on   date NOT NULL,
    feed_token     text NOT NULL UNIQUE,  -- the secret in the member's calendar feed URL
    joined_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX members_by_prospect ON members (prospect_id);

-- People erased (prospect.erased): a late solo.installed must not bring them back.
CREATE TABLE erased_prospects (
    prospect_id  uuid PRIMARY KEY,
    erased_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE bookings (
    id              uuid PRIMARY KEY,
    resource_id     uuid NOT NULL REFERENCES resources,
    member_id       uuid REFERENCES members ON DELETE SET NULL,  -- NULL once anonymised
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL CHECK (starts_at < ends_at),
    status          text NOT NULL DEFAULT 'booked'
                    CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    checked_in_at   timestamptz,
    released_at     timestamptz,
    release_reason  text CHECK (release_reason IN ('member', 'staff', 'no_show', 'erasure')),
    anonymised_at   timestamptz,
    -- Never two active bookings of one resource at once: the database decides, not Python.
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
        resource_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
    ) WHERE (status IN ('booked', 'checked_in'))
);
CREATE INDEX bookings_by_member ON bookings (member_id, starts_at);
CREATE INDEX bookings_by_time ON bookings (starts_at);
CREATE INDEX bookings_waiting_check_in ON bookings (starts_at) WHERE status = 'booked';
