package pos.sync.journal;

import pos.contract.sale.MalformedSaleRecordException;
import pos.contract.sale.SaleRecordJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.sale.SaleRecord;
import pos.sync.testing.TestSales;

@DisplayName("SaleRecordJson")
class SaleRecordJsonTest {

    @Test
    @DisplayName("a record reads back equal to what was written, instants as ISO-8601")
    void roundTrips() {
        SaleRecord sale = TestSales.sale(1, "till-1", 5);
        String json = SaleRecordJson.write(sale);
        assertThat(json).contains("\"openedAt\":\"2026-01-01T00:00:05Z\"");
        assertThat(SaleRecordJson.read(json)).isEqualTo(sale);
    }

    @Test
    void aGatewayTendersReferenceRoundTripsAndOlderRecordsWithoutItStillRead() {
        SaleRecord sale = TestSales.sale(1, "till-1", 7);
        SaleRecord.Payment qr = new SaleRecord.Payment(pos.core.sale.TenderType.QR, sale.totalMinor(), sale.totalMinor(), 0,
                "01JBQ0000000000000000000AB");
        SaleRecord withQr = new SaleRecord(sale.transactionId(), sale.tillId(), sale.state(), sale.currency(), sale.totalMinor(),
                sale.taxMinor(), sale.openedAt(), sale.closedAt(), sale.lines(), java.util.List.of(qr));
        assertThat(SaleRecordJson.read(SaleRecordJson.write(withQr))).isEqualTo(withQr);

        String cashJson = SaleRecordJson.write(sale);
        assertThat(cashJson).contains("\"reference\":null");
        String olderJson = cashJson.replace(",\"reference\":null", "");
        assertThat(olderJson).doesNotContain("reference");
        assertThat(SaleRecordJson.read(olderJson)).isEqualTo(sale);
        assertThatThrownBy(() -> SaleRecordJson.read(cashJson.replaceFirst("\"amountMinor\":\\d+,", "")))
                .isInstanceOf(MalformedSaleRecordException.class).hasMessageContaining("amountMinor");
    }

    @Test
    @DisplayName("unknown fields from a newer till are ignored")
    void ignoresUnknownFields() {
        SaleRecord sale = TestSales.sale(1, "till-1", 6);
        String json = SaleRecordJson.write(sale).replaceFirst("\\{", "{\"loyaltyCard\":\"123\",");
        assertThat(SaleRecordJson.read(json)).isEqualTo(sale);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON at all              | {oops
            the total is missing         | {"transactionId":"01KDPY5D0SAMPLE0000000000","tillId":"t","state":"PAID","currency":"EUR","taxMinor":0,"openedAt":"2026-01-01T00:00:00Z","closedAt":"2026-01-01T00:00:00Z","lines":[],"tenders":[]}
            the state is null            | {"transactionId":"01KDPY5D0SAMPLE0000000000","tillId":"t","state":null,"currency":"EUR","totalMinor":1,"taxMinor":0,"openedAt":"2026-01-01T00:00:00Z","closedAt":"2026-01-01T00:00:00Z","lines":[],"tenders":[]}
            the sale is not finished     | {"transactionId":"01KDPY5D0SAMPLE0000000000","tillId":"t","state":"OPEN","currency":"EUR","totalMinor":1,"taxMinor":0,"openedAt":"2026-01-01T00:00:00Z","closedAt":"2026-01-01T00:00:00Z","lines":[],"tenders":[]}
            a total is not a number      | {"transactionId":"01KDPY5D0SAMPLE0000000000","tillId":"t","state":"PAID","currency":"EUR","totalMinor":"ten","taxMinor":0,"openedAt":"2026-01-01T00:00:00Z","closedAt":"2026-01-01T00:00:00Z","lines":[],"tenders":[]}
            the payload is a JSON array  | []
            """)
    @DisplayName("a payload that is not a finished sale record is refused with a reason")
    void refusesMalformedPayloads(String why, String json) {
        assertThatThrownBy(() -> SaleRecordJson.read(json))
                .as(why)
                .isInstanceOf(MalformedSaleRecordException.class)
                .hasMessageStartingWith("not a sale record: ");
    }
}
