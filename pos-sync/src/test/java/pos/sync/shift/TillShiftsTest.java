package pos.sync.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.journal.JournalWriteException;
import pos.core.people.Approval;
import pos.core.people.GuardedAction;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;
import pos.sync.journal.SqliteSaleJournal;

@DisplayName("Issue 12 point 5: shifts on a real SQLite journal")
class TillShiftsTest {

    private static final String TILL = "till-s";
    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();
    private final Supplier<String> ids = () -> new TransactionId.Generator(clock).next().value();

    private TillShifts shifts(SqliteSaleJournal journal) {
        return new TillShifts(journal, TILL, "CNY", clock, ids);
    }

    @Test
    @DisplayName("open with a float → sales, a return, a pay-out → X equals the Z's figures; close with a variance needs a reason; Z #1")
    void shiftToZ() {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            TillShifts shifts = shifts(journal);
            assertThat(shifts.current()).isEmpty();
            OpenShift shift = shifts.open(20000, "c1");
            String id = shift.shiftId();
            journal.append(ShiftDay.sale("S1", TILL, id, TenderType.CASH, 3000, 5000, clock.instant()));
            journal.append(ShiftDay.sale("S2", TILL, id, TenderType.QR, 1130, 1130, clock.instant()));
            journal.append(ShiftDay.sale("S0", TILL, null, TenderType.CASH, 999, 999, clock.instant())); // no shift: not counted
            journal.appendRecord(ShiftDay.cashReturn("R1", TILL, id, "S1", 800, clock.instant()));
            shifts.payOut(1500, "window cleaner", "c1");

            ShiftFigures x = shifts.x();
            assertThat(x.salesCount()).isEqualTo(2);
            assertThat(x.returnsCount()).isEqualTo(1);
            assertThat(x.payOutsMinor()).isEqualTo(1500);
            assertThat(x.cashExpectedMinor()).isEqualTo(20000 + 3000 - 800 - 1500);

            Map<Long, Integer> counted = Map.of(10000L, 2, 500L, 1); // 205.00 against 207.00 expected: 2.00 short
            assertThatThrownBy(() -> shifts.close(counted, " ", "c2"))
                    .isInstanceOfSatisfying(ShiftException.class, e -> assertThat(e.reason()).isEqualTo(ShiftException.Reason.REASON_REQUIRED))
                    .hasMessageContaining("short by 200");
            assertThat(shifts.current()).isPresent();

            ZReport z = shifts.close(counted, "coin dropped behind the drawer", "c2");
            assertThat(z.zNumber()).isEqualTo(1);
            assertThat(z.figures()).as("X and Z of the same shift are equal").isEqualTo(x);
            assertThat(z.countedMinor()).isEqualTo(20500);
            assertThat(z.varianceMinor()).isEqualTo(-200);
            assertThat(z.varianceReason()).isEqualTo("coin dropped behind the drawer");
            assertThat(z.openedBy()).isEqualTo("c1");
            assertThat(z.closedBy()).isEqualTo("c2");
            assertThat(z.handedOnPending()).as("nothing was handed on: no sync runs here").isEqualTo(6);
            assertThat(shifts.current()).isEmpty();
            assertThat(journal.findRecord(ZReport.class, id)).contains(z);
            assertThatThrownBy(shifts::x).isInstanceOf(ShiftException.class).hasMessageContaining("No shift is open");
        }
    }

    @Test
    @DisplayName("a restart finds the open shift again and the Z numbers go on without a gap")
    void restartKeepsTheOpenShiftAndTheNumbers() {
        String second;
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            TillShifts shifts = shifts(journal);
            shifts.open(10000, "c1");
            assertThat(shifts.close(Map.of(10000L, 1), null, "c1").zNumber()).isEqualTo(1);
            second = shifts.open(5000, "c1").shiftId();
            shifts.payIn(2000, "change from the bank", "c1");
        }
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            TillShifts shifts = shifts(journal);
            assertThat(shifts.current()).map(OpenShift::shiftId).contains(second);
            assertThat(shifts.current().orElseThrow().floatMinor()).isEqualTo(5000);
            assertThat(shifts.nextZNumber()).isEqualTo(2);
            assertThat(shifts.x().cashExpectedMinor()).isEqualTo(7000);
            ZReport z = shifts.close(Map.of(5000L, 1, 2000L, 1), null, "c1");
            assertThat(z.zNumber()).isEqualTo(2);
            assertThat(z.varianceMinor()).isZero();
            assertThat(shifts.zReports()).extracting(ZReport::zNumber).containsExactly(1L, 2L);
        }
    }

    @Test
    @DisplayName("immutable once made: a second Z for the same shift is refused, and the journal refuses a Z number twice")
    void aShiftHasOneZAndANumberIsNeverReused() {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            TillShifts first = shifts(journal);
            first.open(0, "c1");
            TillShifts second = shifts(journal); // another view of the same till's journal: it sees the shift open
            ZReport z = first.close(Map.of(), null, "c1");
            assertThatThrownBy(() -> second.close(Map.of(), null, "c1"))
                    .isInstanceOfSatisfying(ShiftException.class, e -> assertThat(e.reason()).isEqualTo(ShiftException.Reason.ALREADY_CLOSED));
            assertThat(journal.findRecord(ZReport.class, z.shiftId())).contains(z);

            ZReport reused = new ZReport("another-shift", TILL, 1, NOW, NOW, null, null, z.figures(), Map.of(), 0, 0, null, 0);
            assertThatThrownBy(() -> journal.appendRecord(reused)).isInstanceOf(JournalWriteException.class);
            assertThat(shifts(journal).zReports()).containsExactly(z);
        }
    }

    @Test
    @DisplayName("no sale only with a supervisor's approval for it; pay-ins and pay-outs need an open shift and a reason")
    void noSaleAndCashMovements() {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            TillShifts shifts = shifts(journal);
            assertThatThrownBy(() -> shifts.payOut(100, "x", "c1")).isInstanceOf(ShiftException.class);
            String id = shifts.open(1000, "c1").shiftId();
            assertThatThrownBy(() -> shifts.payIn(100, "", "c1")).hasMessageContaining("needs a reason");
            assertThatThrownBy(() -> shifts.payOut(0, "x", "c1")).hasMessageContaining("more than zero");
            Approval wrong = new Approval(GuardedAction.VOID_LINE, "s", "boss", "c1", NOW);
            assertThatThrownBy(() -> shifts.noSale(wrong, "change")).isInstanceOfSatisfying(ShiftException.class,
                    e -> assertThat(e.reason()).isEqualTo(ShiftException.Reason.NOT_APPROVED));

            TillEvent event = shifts.noSale(new Approval(GuardedAction.NO_SALE, "s", "boss", "c1", NOW), "customer change");
            assertThat(event.shiftId()).isEqualTo(id);
            assertThat(event.entry().kind()).isEqualTo(AuditKind.DRAWER_OPENED);
            assertThat(event.entry().approverId()).isEqualTo("boss");
            assertThat(event.entry().clerkId()).isEqualTo("c1");
            assertThat(journal.findRecord(TillEvent.class, event.eventId())).contains(event);
            assertThat(shifts.x().noSaleCount()).isEqualTo(1);
            assertThatThrownBy(() -> shifts.open(0, "c1")).isInstanceOfSatisfying(ShiftException.class,
                    e -> assertThat(e.reason()).isEqualTo(ShiftException.Reason.ALREADY_OPEN));
        }
    }
}
