package pos.hub.voucher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.money.Money;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherBenefit;

@DisplayName("R1 the voucher index.csv is RFC 4180 (commons-csv): customer references with commas and quotes read back whole")
class VoucherIndexCsvTest {

    static IssuedVoucher issued(String id, String customerRef) {
        Voucher voucher = new Voucher(id, new VoucherBenefit.AmountOff(Money.ofMinor(550, "EUR")), customerRef,
                Instant.parse("2099-12-31T23:59:59Z"), "store-4", "rot-2");
        return new IssuedVoucher(voucher, "PV1.rot-2.payload-" + id + ".mac", Instant.parse("2026-11-24T10:00:00Z"));
    }

    @Test
    void everyFieldReadsBackAsItWasWritten(@TempDir Path dir) throws Exception {
        List<IssuedVoucher> vouchers = List.of(issued("v1", "Ann \"Annie\" Lee, table 4"), issued("v2", "=1+2 ; plain"),
                issued("v3", " leading and trailing "), issued("v4", "b"));
        VoucherIssueMain.writeFiles(vouchers, dir);

        List<String> lines = Files.readAllLines(dir.resolve("index.csv"));
        assertThat(lines.get(0)).isEqualTo("voucher_id,customer_ref,benefit,store_id,expires_at,key_id,png,code");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(4)).isEqualTo("v4,b,550 EUR minor units off,store-4,2099-12-31T23:59:59Z,rot-2,v4.png,PV1.rot-2.payload-v4.mac");
        assertThat(Files.readString(dir.resolve("index.csv"))).doesNotContain("\r");

        try (Reader in = Files.newBufferedReader(dir.resolve("index.csv"), StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(in)
                     .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            List<CSVRecord> records = parser.getRecords();
            assertThat(records).hasSize(4);
            for (int i = 0; i < records.size(); i++) {
                Voucher v = vouchers.get(i).voucher();
                CSVRecord r = records.get(i);
                assertThat(r.get("voucher_id")).isEqualTo(v.voucherId());
                assertThat(r.get("customer_ref")).isEqualTo(v.customerRef());
                assertThat(r.get("code")).isEqualTo(vouchers.get(i).code());
                assertThat(r.get("png")).isEqualTo(v.voucherId() + ".png");
                assertThat(dir.resolve(r.get("png"))).isRegularFile();
            }
        }
    }
}
