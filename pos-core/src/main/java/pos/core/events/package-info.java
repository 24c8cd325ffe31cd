/** Buried-point events of the cashier's screens (R19) and the port they are reported through. */
package pos.core.events;
