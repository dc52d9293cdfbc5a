-- People erased (prospect.erased), by id only (never an address) and kept for good: a
-- prospect.qualified or solo.installed about one of them handled after the erasure (a
-- redelivery, a consumer that was down, another queue running late) keeps nothing, opens
-- no account, issues no link and sends no welcome. The hourly housekeeping leaves it alone.
CREATE TABLE erased_people (
    prospect_id  uuid PRIMARY KEY,
    erased_at    timestamptz NOT NULL DEFAULT now()
);
