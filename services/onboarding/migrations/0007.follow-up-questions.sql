-- When the member was asked a follow-up's questions (follow_up.due staged in the outbox):
-- each milestone is asked once, whichever copy of the service runs the job.
ALTER TABLE follow_ups ADD COLUMN asked_at timestamptz;

CREATE INDEX follow_ups_to_ask ON follow_ups (due_on)
    WHERE asked_at IS NULL AND recorded_at IS NULL;
