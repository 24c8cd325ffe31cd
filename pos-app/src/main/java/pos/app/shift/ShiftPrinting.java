package pos.app.shift;

import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;
import pos.sync.shift.OpenShift;

/**
 * Where the shift screen prints its X and Z reports: the integrator wires it to the receipt printer. Called off the
 * UI thread, after the Z is journaled (never before). Implementations say whether the report reached the printer and
 * must not throw for a printer that is offline (return false and log why). Thread-safe.
 */
public interface ShiftPrinting {

    /** Prints the X report of {@code shift} now; true if it was sent to the printer. */
    boolean printX(OpenShift shift, ShiftFigures figures);

    /** Prints a Z report (the one just made, or an earlier one again); true if it was sent to the printer. */
    boolean printZ(ZReport z);

    /** Until a printer is wired: nothing is printed, and the screen says so (the Z is kept in the journal either way). */
    ShiftPrinting NOT_WIRED = new ShiftPrinting() {
        @Override
        public boolean printX(OpenShift shift, ShiftFigures figures) {
            org.slf4j.LoggerFactory.getLogger(ShiftPrinting.class).warn("no printer is wired: the X report of shift {} was not printed",
                    shift.shiftId());
            return false;
        }

        @Override
        public boolean printZ(ZReport z) {
            org.slf4j.LoggerFactory.getLogger(ShiftPrinting.class).warn("no printer is wired: Z #{} of till {} was not printed",
                    z.zNumber(), z.tillId());
            return false;
        }
    };
}
