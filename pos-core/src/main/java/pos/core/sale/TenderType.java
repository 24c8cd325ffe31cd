package pos.core.sale;

/** Kinds of tender. Only CASH exists in the foundation; the others follow with their issues. */
public enum TenderType { CASH, QR, PAY_CODE, CARD, MEMBER, VOUCHER }
