-- Issue 10: the store owner's signature of the cached rule base, so it is verified again at every
-- start (a cache edited on disk is refused). Null for a rule base cached before signing.
-- (V10, not V9: another change of issue 10 may take V9.)
ALTER TABLE rule_base_cache ADD COLUMN signature TEXT;
