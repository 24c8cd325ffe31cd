-- A store-wide change number for the tills' pull (GET /people?since=<cursor> on the hub).
-- Every archived batch that changes clerks, members or prints takes the next number by updating
-- the one row below; the row lock is held until the batch commits, so batches commit in number
-- order and a reader that sees number N committed sees every row of every number up to N.
-- A changed row carries the number of the batch that last changed it (0: before this migration).
CREATE TABLE people_change_seq (
    id  TINYINT NOT NULL,
    seq BIGINT  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO people_change_seq (id, seq) VALUES (1, 0);

ALTER TABLE clerks  ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0, ADD KEY clerks_change_seq (change_seq);
ALTER TABLE members ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0, ADD KEY members_change_seq (change_seq);
ALTER TABLE prints  ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0, ADD KEY prints_change_seq (change_seq);
