-- Onboarding tells this service of its committees by events (committee.changed, and the
-- committee inside solo.installed) which may arrive late or out of order (a redelivery, a
-- replay from a dead-letter queue): `learnt_at` is the time of the event the copy comes
-- from, so that an older event never overwrites a newer one (NULL: set by staff here or by
-- the seed, never by an event). A removed committee leaves its removal time, so that an
-- older event does not bring it back.
ALTER TABLE committees ADD COLUMN learnt_at timestamptz;

CREATE TABLE removed_committees (
    insee_code text PRIMARY KEY,
    removed_at timestamptz NOT NULL   -- time of the committee.changed that removed it
);
