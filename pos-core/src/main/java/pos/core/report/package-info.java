/**
 * Reports a store owner reads (issue 12, point 8): the takings of a period computed from the journaled records
 * (sales, returns, till events), and the periods they are asked for (the day, a shift). Pure computations, no I/O.
 */
package pos.core.report;
