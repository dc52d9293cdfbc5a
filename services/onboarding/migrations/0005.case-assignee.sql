-- The staff member who follows each case: at first the one who qualified the prospect,
-- until someone reassigns it. The staff's case list filters by it, and orders the cases by
-- their current step (the pending step due first).
ALTER TABLE cases ADD COLUMN assigned_to text;
UPDATE cases SET assigned_to = qualified_by;
CREATE INDEX cases_assigned_to ON cases (assigned_to, status);
CREATE INDEX case_steps_pending_of_case ON case_steps (case_id, due_on, position)
    WHERE status = 'pending';
