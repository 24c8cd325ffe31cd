package pos.core.catalog;

/** How a product is counted: by the piece, or by weight with the price per kilogram. */
public enum SaleUnit { PIECE, KILOGRAM }
