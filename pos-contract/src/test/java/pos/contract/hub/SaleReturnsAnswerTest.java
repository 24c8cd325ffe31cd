package pos.contract.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

/** Issue 12 point 3: the hub's answer of a sale with its returns reads back exactly as it was written. */
class SaleReturnsAnswerTest {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123Z");

    @Test
    void aSaleWithItsReturnsReadsBackTheSame() {
        SaleRecord sale = new SaleRecord("01JEQ0000000000000000SALE1", "till-a", SaleState.PAID, "EUR", 858, 56, T0, T0,
                List.of(new SaleRecord.Line(1, "1001", "Whole milk 1 L", 1, 0, 509, 509, "RED", 509, 0, null, 700, 33),
                        new SaleRecord.Line(2, "2001", "Apples", 1, 412, 299, 349, "RED", 299, 0, null, 700, 23)),
                List.of(new SaleRecord.Payment(TenderType.QR, 858, 858, 0, "01JEQ000000000000000000QR1")),
                "c1", "Ann", "shift-1", 0, null, 0, List.of());
        ReturnRecord back = new ReturnRecord("01JEQ00000000000000000RET1", sale.transactionId(), "till-a", "till-b", "c2", "s1",
                null, "EUR", 509, 33, T0.plusSeconds(60),
                List.of(new ReturnRecord.Line(1, "1001", "Whole milk 1 L", 1, 0, 509, 33, "RED", 700)),
                List.of(new ReturnRecord.Refund(TenderType.QR, 509, "01JEQ000000000000000000QR1", "01JEQ00000000000000000RET1-0",
                        "5030001")), "sour");

        SaleReturnsAnswer read = SaleReturnsAnswer.read(new SaleReturnsAnswer(sale, List.of(back)).toJson());

        assertThat(read.sale()).isEqualTo(sale);
        assertThat(read.returns()).containsExactly(back);
    }

    @Test
    void somethingElseIsRefusedWithASentence() {
        assertThatThrownBy(() -> SaleReturnsAnswer.read("{\"error\":\"x\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no 'sale'");
        assertThatThrownBy(() -> SaleReturnsAnswer.read("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
