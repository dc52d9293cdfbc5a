-- Where a committee wants its arrival messages and digests, when not at the address it
-- signs in with (which onboarding owns and staff set): the committee's own choice, made
-- on /committees/notifications, kept when onboarding's copy changes. NULL: that address.
ALTER TABLE committees ADD COLUMN send_to text
    CHECK (send_to IS NULL OR send_to = lower(btrim(send_to)));
