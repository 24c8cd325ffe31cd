-- Issue 12: the journal carries every till record kind (returns, till events, Z reports...) beside
-- sales, all handed on to the store. Shifts, reports and recovery read records by journaling time.
CREATE INDEX journal_created_at ON journal (created_at);
