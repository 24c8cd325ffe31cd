package pos.core.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemberLedgerTest {

    static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void aDebitIsIdempotentByTransactionIdAndRefusesAnInsufficientBalance() {
        MemberLedger ledger = new MemberLedger("m1");
        assertThat(ledger.topUp("top1", 5_000, "till-1", AT).outcome()).isEqualTo(DebitResult.Outcome.DONE);
        DebitResult paid = ledger.debit("tx1", 3_000, "till-1", AT);
        assertThat(paid.outcome()).isEqualTo(DebitResult.Outcome.DONE);
        assertThat(paid.balanceMinor()).isEqualTo(2_000);
        DebitResult retry = ledger.debit("tx1", 3_000, "till-1", AT);
        assertThat(retry.outcome()).isEqualTo(DebitResult.Outcome.ALREADY_DONE);
        assertThat(retry.isSuccess()).isTrue();
        assertThat(ledger.balanceMinor()).isEqualTo(2_000);
        DebitResult tooMuch = ledger.debit("tx2", 2_001, "till-1", AT);
        assertThat(tooMuch.outcome()).isEqualTo(DebitResult.Outcome.INSUFFICIENT_BALANCE);
        assertThat(tooMuch.message()).isEqualTo(
                "Not enough stored value: the member has 2000 and the sale needs 2001 (minor units); nothing was taken");
        assertThat(ledger.debit("tx1", 999, "till-1", AT).outcome()).isEqualTo(DebitResult.Outcome.CONFLICTING_RETRY);
        assertThat(ledger.entries()).hasSize(2);
    }

    @Test
    void aStoredPrintNeverShowsItsTemplate() {
        StoredPrint print = new StoredPrint("m1", PersonKind.MEMBER, "right-index", "libfprint/virtual_image",
                new byte[] {7, 7, 7, 42});
        assertThat(print.toString()).isEqualTo("StoredPrint[MEMBER m1, right-index, libfprint/virtual_image, 4 bytes]");
        assertThat(print.isFor("libfprint/virtual_image")).isTrue();
        assertThat(print.isFor("libfprint/goodixmoc")).isFalse();
    }
}
