/** Returns and refunds: goods brought back from an earlier sale and the money given back (issue 12, point 3). No I/O. */
package pos.core.refund;
