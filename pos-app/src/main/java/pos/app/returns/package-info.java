/**
 * The returns screen (issue 12, point 3; Ctrl+U): find the original sale by its receipt's code, its
 * id, or its day and amount; pick lines and quantities; refund to the original tenders. The money
 * and what is left to return come from {@code pos.core.refund}; the refund itself from
 * {@code pos.sync.refund.TillRefunds}.
 */
package pos.app.returns;
