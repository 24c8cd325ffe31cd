package pos.sync.shift;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.sync.journal.SqliteSaleJournal;

/**
 * Test-only: a till that opens a shift, sells once in it and then waits to be killed. Args: the data directory, the
 * till id, the float. Prints {@code shift-open <id>} once the shift and its sale are journaled. Not thread-safe.
 */
public final class ShiftTillMain {

    private ShiftTillMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args[0]);
        String tillId = args[1];
        long floatMinor = Long.parseLong(args[2]);
        Clock clock = Clock.systemUTC();
        TransactionId.Generator ids = new TransactionId.Generator(clock);
        SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir); // never closed: the test SIGKILLs this JVM
        TillShifts shifts = new TillShifts(journal, tillId, "CNY", clock, () -> ids.next().value());
        OpenShift shift = shifts.open(floatMinor, "c2");
        journal.append(ShiftDay.sale(ids.next().value(), tillId, shift.shiftId(), TenderType.CASH, 1250, 2000, clock.instant()));
        System.out.println("shift-open " + shift.shiftId());
        new CountDownLatch(1).await();
    }
}
