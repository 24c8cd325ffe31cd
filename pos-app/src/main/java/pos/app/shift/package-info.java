/**
 * The shift screen (Ctrl+S, issue 12 point 5): open a shift with a float, pay-ins and pay-outs, the X report, the
 * close with the drawer counted by denomination and the Z report; and the "no sale" drawer opening (Ctrl+N) with a
 * supervisor's approval. The shift state itself is {@link pos.sync.shift.TillShifts}; printing and the drawer are
 * the integrator's, through {@link pos.app.shift.ShiftPrinting} and {@link pos.app.shift.CashDrawer}.
 */
package pos.app.shift;
