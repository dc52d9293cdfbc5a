-- Who made a booking when it was not its member: staff booking a desk on behalf of a member
-- (who may have no account yet). NULL: the member booked it themself.
ALTER TABLE bookings ADD COLUMN booked_by text CHECK (length(booked_by) BETWEEN 1 AND 200);
