-- The store's rule base (R14), one row per published version; a row is never changed or deleted.
-- The hub publishes version max(version) + 1 in one transaction; the highest version is in force
-- and is what the hub copies to Redis (pos:rules:current) for the tills.
CREATE TABLE rule_base_versions (
    version      BIGINT       NOT NULL,
    body         LONGTEXT     NOT NULL,   -- the rule data as canonical JSON (RuleBaseJson), with this version
    sha256       CHAR(64) CHARACTER SET ascii NOT NULL,   -- of body, hex
    rule_count   INT          NOT NULL,
    published_at DATETIME(3)  NOT NULL,   -- UTC
    published_by VARCHAR(255) NOT NULL,   -- who sent it: the publisher's name and address
    PRIMARY KEY (version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
