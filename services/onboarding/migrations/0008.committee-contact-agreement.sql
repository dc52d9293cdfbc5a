-- The household agreed (on this day) to be contacted by the welcome committee of the
-- village it wishes or moved into; NULL: it has not, or withdrew. Only then does that
-- committee see the household's address. Recorded by staff on the case page or by the solo
-- on their card page; cleared with the rest when the person is erased.
ALTER TABLE cases ADD COLUMN contact_agreed_on date;
