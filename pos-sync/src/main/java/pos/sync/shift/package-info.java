/**
 * The till's shifts (issue 12, point 5): open with a float, pay-ins, pay-outs and no-sale openings as journaled
 * till events, the X report, and the close that makes the numbered, immutable Z report, all kept in and derived from
 * the till's journal so that they survive a crash.
 */
package pos.sync.shift;
