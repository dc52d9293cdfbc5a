-- People erased (prospect.erased), by id only (never an address or a name) and kept for
-- good: an event about one of them handled after the erasure (a redelivery, a consumer
-- that was down, another queue running late) then stores and sends nothing. Their member
-- ids too, for the events that name only the member (desk.booked, booking.cancelled); a
-- member learnt after the erasure (a late solo.installed) is added.
CREATE TABLE erased_people (
    prospect_id  uuid PRIMARY KEY,
    erased_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE erased_members (
    member_id    uuid PRIMARY KEY,
    prospect_id  uuid NOT NULL REFERENCES erased_people,
    erased_at    timestamptz NOT NULL DEFAULT now()
);
