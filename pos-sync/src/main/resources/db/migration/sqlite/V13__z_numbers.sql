-- Issue 12, point 5: a Z report's number is never reused on a till. The till derives the next number
-- from the journal (the highest + 1); this index makes the journal itself refuse a second Z with a
-- number already taken, whatever the code above it does. (A shift's second Z is already refused by
-- the record id, which is the shift's id.)
CREATE UNIQUE INDEX journal_z_number ON journal (json_extract(payload, '$.zNumber')) WHERE kind = 'Z_REPORT';
