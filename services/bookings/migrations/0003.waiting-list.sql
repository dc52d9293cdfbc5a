-- The waiting list: a member waiting for any resource of one kind ("a hot desk", "a
-- meeting room") at one place for one slot. When a booking of that place is cancelled or
-- released as a no-show, the first in line whose slot is now free is booked, in the same
-- transaction. An erased member's entries go with their members row (and are deleted
-- explicitly first).
CREATE TABLE waiting_list (
    id          uuid PRIMARY KEY,
    member_id   uuid NOT NULL REFERENCES members ON DELETE CASCADE,
    place_id    uuid NOT NULL REFERENCES places ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('hot_desk', 'private_office', 'meeting_room')),
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL CHECK (starts_at < ends_at),
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- Never twice in the same line.
    CONSTRAINT waiting_list_once UNIQUE (member_id, place_id, kind, starts_at, ends_at)
);
-- The line of a place: who waits first, for slots overlapping a freed one.
CREATE INDEX waiting_list_line ON waiting_list (place_id, kind, starts_at, created_at);
CREATE INDEX waiting_list_by_member ON waiting_list (member_id, starts_at);
