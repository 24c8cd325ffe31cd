-- A gateway tender (QR, pay-code, card) names the payment attempt that paid it: that attempt's
-- transaction id, its out_trade_no at the gateway. Cash tenders leave it NULL.
ALTER TABLE sale_tenders ADD COLUMN reference VARCHAR(32) CHARACTER SET ascii NULL AFTER change_minor;
CREATE INDEX sale_tenders_reference ON sale_tenders (reference);
