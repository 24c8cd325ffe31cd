/**
 * Shifts and the end of day (issue 12, point 5): the figures of a shift computed once from its journaled
 * records ({@link pos.core.shift.ShiftFigures}), the Z report that closes it ({@link pos.core.shift.ZReport}) and
 * the notes and coins a drawer is counted in ({@link pos.core.shift.Denominations}). Pure: no I/O.
 */
package pos.core.shift;
