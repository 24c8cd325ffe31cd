-- Issue 10: rule bases signed by the store owner. The signature (Ed25519, base64url) covers
-- pos-rules-v1|storeId|version|sha256(body) (pos.contract.rules.RuleBaseSignature). Rows published
-- before this migration have none: the tills refuse them, so publish once with the owner key after
-- upgrading. Rows are deleted only by the history cleanup (--rules-history-days), never the one in force.
-- (V10, not V9: another change of issue 10 takes V9.)
ALTER TABLE rule_base_versions ADD COLUMN signature VARCHAR(128) CHARACTER SET ascii NULL AFTER sha256;
CREATE INDEX rule_base_versions_published_at ON rule_base_versions (published_at);
