-- Till credentials issued by the hub (./pos hub tills add ID), issue 10's trust boundary.
-- The secret itself is kept (32 bytes), not a hash: the hub derives each till's stream signing
-- key from it (pos.contract.auth.TillCredential#streamSigningKey) to check what the till writes
-- into Redis. Whoever reads this table can act as any till: grant SELECT on it to the hub only.
-- A revoked till keeps its row (revoked_at set), so its id is never silently issued again.
CREATE TABLE tills (
    till_id    VARCHAR(32)   NOT NULL,
    secret     BINARY(32)    NOT NULL,
    created_at DATETIME(3)   NOT NULL,
    revoked_at DATETIME(3)   NULL,
    PRIMARY KEY (till_id)
) ENGINE = InnoDB;
