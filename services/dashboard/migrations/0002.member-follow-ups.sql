-- What member.followed_up said at each milestone (1, 6, 12 months): the answer of the
-- latest recorded follow-up (its version: recorded_at, then event id), so a correction
-- replaces the earlier answer whatever order they arrive in. Answers only, never a note.
ALTER TABLE member
    ADD COLUMN follow_up_1_version         text NOT NULL DEFAULT '',
    ADD COLUMN follow_up_1_still_here      boolean,
    ADD COLUMN follow_up_1_activity_going  boolean,
    ADD COLUMN follow_up_6_version         text NOT NULL DEFAULT '',
    ADD COLUMN follow_up_6_still_here      boolean,
    ADD COLUMN follow_up_6_activity_going  boolean,
    ADD COLUMN follow_up_12_version        text NOT NULL DEFAULT '',
    ADD COLUMN follow_up_12_still_here     boolean,
    ADD COLUMN follow_up_12_activity_going boolean;
