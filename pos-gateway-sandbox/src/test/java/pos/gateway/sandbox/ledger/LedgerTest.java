package pos.gateway.sandbox.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.gateway.sandbox.api.TradeState;

class LedgerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dataDir;

    private static OrderRow order(String outTradeNo, long total) {
        return new OrderRow(outTradeNo, OrderKind.MICROPAY, "Espresso", total, "CNY", null, null,
                "134567890123455678", TradeState.SUCCESS, null, NOW, null, null, NOW);
    }

    private static ChargeRow charge(String transactionId, String outTradeNo, long amount) {
        return new ChargeRow(transactionId, outTradeNo, amount, "CNY", "134567890123455678", NOW);
    }

    @Test
    @DisplayName("the database's unique key refuses a second charge for the same out_trade_no")
    void databaseRefusesASecondCharge() {
        try (Ledger ledger = Ledger.open(dataDir)) {
            boolean first = ledger.inTransaction(tx -> {
                tx.insertOrder(order("01JLEDGER00000000000000001", 500));
                return tx.insertCharge(charge("T1", "01JLEDGER00000000000000001", 500));
            });
            boolean second = ledger.inTransaction(tx -> tx.insertCharge(charge("T2", "01JLEDGER00000000000000001", 500)));

            assertThat(first).isTrue();
            assertThat(second).isFalse();
            assertThat(ledger.chargeCount("01JLEDGER00000000000000001")).isEqualTo(1);
            assertThat(ledger.summary().chargesMinor()).isEqualTo(500);
        }
    }

    @Test
    @DisplayName("the database refuses refunds whose sum would exceed the charge, whatever the code asks")
    void databaseRefusesRefundsAboveTheCharge() {
        try (Ledger ledger = Ledger.open(dataDir)) {
            ledger.inTransaction(tx -> {
                tx.insertOrder(order("01JLEDGER00000000000000002", 500));
                tx.insertCharge(charge("T3", "01JLEDGER00000000000000002", 500));
                tx.insertRefund(new RefundRow("R1", "RID1", "01JLEDGER00000000000000002", 400, null, NOW));
                return null;
            });

            assertThatThrownBy(() -> ledger.inTransaction(tx -> {
                tx.insertRefund(new RefundRow("R2", "RID2", "01JLEDGER00000000000000002", 101, null, NOW));
                return null;
            })).isInstanceOf(LedgerException.class).hasMessageContaining("exceed the charge");
            assertThat(ledger.summary().refundsMinor()).isEqualTo(400);
        }
    }

    @Test
    @DisplayName("a refund of an order that was never charged is refused by the database")
    void databaseRefusesRefundWithoutCharge() {
        try (Ledger ledger = Ledger.open(dataDir)) {
            ledger.inTransaction(tx -> {
                tx.insertOrder(order("01JLEDGER00000000000000003", 500));
                return null;
            });

            assertThatThrownBy(() -> ledger.inTransaction(tx -> {
                tx.insertRefund(new RefundRow("R3", "RID3", "01JLEDGER00000000000000003", 1, null, NOW));
                return null;
            })).isInstanceOf(LedgerException.class);
        }
    }

    @Test
    @DisplayName("a transaction that fails half-way leaves nothing behind")
    void failedTransactionRollsBack() {
        try (Ledger ledger = Ledger.open(dataDir)) {
            assertThatThrownBy(() -> ledger.inTransaction(tx -> {
                tx.insertOrder(order("01JLEDGER00000000000000004", 500));
                tx.insertCharge(charge("T4", "01JLEDGER00000000000000004", 500));
                throw new IllegalStateException("crash after the charge");
            })).hasMessage("crash after the charge");

            assertThat(ledger.summary(true).byOrder()).isEmpty();
            assertThat(ledger.summary().chargesCount()).isZero();
        }
    }

    @Test
    @DisplayName("charges survive closing and reopening, in a WAL database")
    void chargesSurviveReopening() throws Exception {
        try (Ledger ledger = Ledger.open(dataDir)) {
            ledger.inTransaction(tx -> {
                tx.insertOrder(order("01JLEDGER00000000000000005", 700));
                return tx.insertCharge(charge("T5", "01JLEDGER00000000000000005", 700));
            });
        }

        try (Ledger reopened = Ledger.open(dataDir)) {
            assertThat(reopened.chargeCount("01JLEDGER00000000000000005")).isEqualTo(1);
            boolean chargedAgain = reopened.inTransaction(tx -> tx.insertCharge(charge("T6", "01JLEDGER00000000000000005", 700)));
            assertThat(chargedAgain).isFalse();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Ledger.FILE_NAME));
             Statement statement = connection.createStatement();
             ResultSet journalMode = statement.executeQuery("PRAGMA journal_mode")) {
            journalMode.next();
            assertThat(journalMode.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    @DisplayName("a second ledger on the same data dir is refused while the first is open")
    void secondLedgerOnSameDirIsRefused() {
        try (Ledger first = Ledger.open(dataDir)) {
            assertThatThrownBy(() -> Ledger.open(dataDir))
                    .isInstanceOf(UnableToOpenLedgerException.class)
                    .hasMessageContaining("in use by another sandbox gateway")
                    .hasMessageContaining(dataDir.toString());
        }
        Ledger.open(dataDir).close();
    }

    @Test
    @DisplayName("a data dir that cannot be created is refused with its path and the reason")
    void uncreatableDataDirIsRefused() throws Exception {
        Path file = Files.writeString(dataDir.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> Ledger.open(file.resolve("ledger")))
                .isInstanceOf(UnableToOpenLedgerException.class)
                .hasMessageContaining(file.resolve("ledger").toString())
                .hasMessageContaining("Not a directory");
    }
}
