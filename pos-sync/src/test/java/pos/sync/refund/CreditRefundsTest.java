package pos.sync.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import pos.contract.hub.CreditVoucherAnswer;
import pos.contract.people.PeopleRedisKeys;
import pos.contract.redis.RedisConnections;
import pos.contract.voucher.RedisVoucherRedemption;
import pos.core.money.Money;
import pos.core.people.DebitResult;
import pos.core.refund.ReturnQuote;
import pos.core.refund.ReturnRecord;
import pos.core.refund.ReturnRequest;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.core.voucher.RedemptionFailure;
import pos.core.voucher.RedemptionResult;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherBenefit;
import pos.core.voucher.VoucherCheck;
import pos.core.voucher.VoucherCodec;
import pos.core.voucher.VoucherKeys;
import pos.hub.archive.ArchiverSettings;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.sync.hub.HubClient;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.pay.UnableToReachHubException;
import pos.sync.people.RedisStoredValue;
import pos.sync.testing.TestTills;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 12 point 3, "a voucher as a new credit voucher" (and a member's stored value back to it): a real store hub
 * issuing credit vouchers into real MariaDB and Redis, a real stored-value ledger in Redis, a real SQLite journal.
 */
@WithRedis
@WithMariaDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreditRefundsTest {

    static final String TILL = "till-1";

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    Path dataDir;

    StoreHub hub;
    RedisConnections connections;
    RedisStoredValue storedValue;
    HubClient hubClient;
    final TransactionId.Generator ids = new TransactionId.Generator(Clock.systemUTC());

    SqliteSaleJournal journal;
    SqliteRefundSteps steps;
    TillRefunds refunds;

    @BeforeAll
    void startHub() {
        hub = new StoreHub(HubSettings.builder().tillKeys(TestTills.KEYS)
                .redis(redis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(URI.create("http://127.0.0.1:9/"))
                .notifyKeys(Map.of("unused-key", "unused-secret"))
                .reconcileEvery(Duration.ofHours(1))
                .monitorEvery(Duration.ofSeconds(5))
                .archiver(ArchiverSettings.defaults("credit-hub").withPeriod(Duration.ofMillis(100)))
                .build());
        hub.start();
        connections = RedisConnections.create(redis.uri());
        await("the hub marked the stored value restored").atMost(Duration.ofSeconds(20))
                .until(() -> redis.call("EXISTS", PeopleRedisKeys.DEFAULT.restored()).equals(1L));
        storedValue = new RedisStoredValue(connections, PeopleRedisKeys.DEFAULT, Clock.systemUTC(), null,
                TestTills.signer(TILL));
        hubClient = new HubClient(hub.baseUri(), TestTills.credential(TILL), null, Duration.ofSeconds(5));
    }

    @AfterAll
    void stopHub() {
        if (storedValue != null) {
            storedValue.close();
        }
        if (connections != null) {
            connections.close();
        }
        if (hub != null) {
            hub.stop();
        }
    }

    @BeforeEach
    void openJournal() {
        journal = SqliteSaleJournal.open(dataDir);
        steps = SqliteRefundSteps.open(journal, Clock.systemUTC());
        refunds = new TillRefunds(journal, steps, null, Clock.systemUTC(), RefundSettings.defaults(),
                hubClient::creditVoucher, storedValue);
    }

    @AfterEach
    void closeJournal() {
        steps.close();
        journal.close();
    }

    SaleRecord sale(String id, List<SaleRecord.Payment> tenders) {
        Instant now = Instant.now();
        return new SaleRecord(id, TILL, SaleState.PAID, "EUR", 657, 43, now, now, TillRefundsTest.twoLines(), tenders, "c1",
                "Ann", null, 0, null, 0, List.of());
    }

    StartedReturn start(ReturnQuote quote) {
        return new StartedReturn(quote, TILL, "c2", null, null);
    }

    long vouchersIssuedFor(String returnId) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM vouchers WHERE voucher_id LIKE ?")) {
            st.setString(1, returnId + "%");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    @DisplayName("issue 12.3: a voucher-paid sale returned is refunded as a new credit voucher, issued once for its refund"
            + " number however often it is asked, and it redeems at a till once")
    void aVoucherPaidSaleComesBackAsOneCreditVoucher() throws Exception {
        String saleId = ids.next().value();
        journal.append(sale(saleId, List.of(new SaleRecord.Payment(TenderType.VOUCHER, 657, 657, 0, "01JVOUCHERPAIDSALE0001"))));
        String returnId = ids.next().value();
        ReturnQuote quote = refunds.localSale(saleId).orElseThrow().quote(ReturnRequest.of(1, 2, "stale"), returnId);

        ReturnRecord done = refunds.refund(start(quote));

        assertThat(done.refunds()).hasSize(1);
        ReturnRecord.Refund refund = done.refunds().get(0);
        assertThat(refund.type()).isEqualTo(TenderType.VOUCHER);
        assertThat(refund.amountMinor()).isEqualTo(300);
        assertThat(refund.refundNo()).isEqualTo(quote.refunds().get(0).refundNo());
        assertThat(refund.refundId()).isEqualTo(refund.refundNo()); // the voucher's id is its refund number
        assertThat(refund.voucherCode()).isNotBlank();
        assertThat(journal.findRecord(ReturnRecord.class, returnId)).contains(done);

        // The same refund number asked again (a retry, a lost answer): the same voucher, never a second one.
        CreditVoucherAnswer again = hubClient.creditVoucher(refund.refundNo(), 300, "EUR");
        CreditVoucherAnswer andAgain = hubClient.creditVoucher(refund.refundNo(), 300, "EUR");
        assertThat(again.voucherId()).isEqualTo(refund.refundId());
        assertThat(again.code()).isEqualTo(refund.voucherCode());
        assertThat(andAgain).isEqualTo(again);
        assertThat(refunds.refund(start(quote))).isEqualTo(done);
        assertThat(vouchersIssuedFor(returnId)).isEqualTo(1);
        // Another amount under the same number is refused, not issued.
        assertThatThrownBy(() -> hubClient.creditVoucher(refund.refundNo(), 301, "EUR"))
                .isInstanceOf(UnableToReachHubException.class).hasMessageContaining("409");
        assertThat(vouchersIssuedFor(returnId)).isEqualTo(1);

        // Signed with the store's voucher keys (the sandbox key here) and redeemable once at any till.
        VoucherCheck check = new VoucherCodec(VoucherKeys.sandbox()).verify(refund.voucherCode(), Instant.now(), "store-1");
        assertThat(check).isInstanceOf(VoucherCheck.Valid.class);
        Voucher voucher = ((VoucherCheck.Valid) check).voucher();
        assertThat(voucher.benefit()).isEqualTo(new VoucherBenefit.AmountOff(Money.ofMinor(300, "EUR")));
        try (RedisVoucherRedemption till = new RedisVoucherRedemption(connections, "store-1")) {
            RedemptionResult first = till.redeem(voucher, "till-2", ids.next().value());
            assertThat(first.isSuccess()).isTrue();
            assertThat(till.redeem(voucher, "till-3", ids.next().value()).failure())
                    .isEqualTo(RedemptionFailure.ALREADY_REDEEMED);
        }
    }

    @Test
    @DisplayName("issue 12.3: a member-paid sale returned puts the money back on the member's stored value once")
    void aMemberPaidSaleGoesBackToTheStoredValueOnce() {
        String member = "m" + ids.next().value();
        assertThat(storedValue.topUp(member, "seed-" + member, 2_000, TILL).isSuccess()).isTrue();
        String saleId = ids.next().value();
        assertThat(storedValue.debit(member, saleId, 657, TILL).isSuccess()).isTrue();
        journal.append(sale(saleId, List.of(new SaleRecord.Payment(TenderType.MEMBER, 657, 657, 0, member))));
        String returnId = ids.next().value();
        ReturnQuote quote = refunds.localSale(saleId).orElseThrow().quote(ReturnRequest.of(2, 3, "sour"), returnId);

        ReturnRecord done = refunds.refund(start(quote));

        String refundNo = quote.refunds().get(0).refundNo();
        assertThat(done.refunds()).containsExactly(new ReturnRecord.Refund(TenderType.MEMBER, 357, member, refundNo, refundNo));
        assertThat(storedValue.balance(member)).contains(2_000L - 657 + 357);
        assertThat(steps.steps(returnId)).extracting(RefundStep::kind)
                .containsExactly(RefundStepKind.REFUND_ASKED, RefundStepKind.REFUND_DONE);
        // A retry of the same refund number (a resumed return, a replayed command) credits nothing more.
        DebitResult retry = storedValue.topUp(member, refundNo, 357, TILL);
        assertThat(retry.outcome()).isEqualTo(DebitResult.Outcome.ALREADY_DONE);
        assertThat(refunds.refund(start(quote))).isEqualTo(done);
        assertThat(storedValue.balance(member)).contains(2_000L - 657 + 357);
    }

    @Test
    @DisplayName("issue 12.3: without the store a voucher refund is refused with what to do, and nothing moves")
    void withoutTheStoreAVoucherRefundIsRefusedAndNothingMoves() throws Exception {
        String member = "m" + ids.next().value();
        assertThat(storedValue.topUp(member, "seed-" + member, 1_000, TILL).isSuccess()).isTrue();
        String saleId = ids.next().value();
        assertThat(storedValue.debit(member, saleId, 357, TILL).isSuccess()).isTrue();
        journal.append(sale(saleId, List.of(new SaleRecord.Payment(TenderType.VOUCHER, 300, 300, 0, "01JVOUCHERPAIDSALE0002"),
                new SaleRecord.Payment(TenderType.MEMBER, 357, 357, 0, member))));
        HubClient storeAway = new HubClient(URI.create("http://127.0.0.1:9/"), TestTills.credential(TILL), null,
                Duration.ofSeconds(2));
        TillRefunds offline = new TillRefunds(journal, steps, null, Clock.systemUTC(), RefundSettings.defaults(),
                storeAway::creditVoucher, storedValue);
        String returnId = ids.next().value();
        ReturnQuote quote = offline.localSale(saleId).orElseThrow().quote(ReturnRequest.of(1, 2, "stale").with(2, 3),
                returnId);

        assertThatThrownBy(() -> offline.refund(start(quote)))
                .isInstanceOf(RefundRefusedException.class)
                .hasMessageContaining("only the store can issue")
                .hasMessageContaining("Try again when the store is back")
                .hasMessageContaining("in cash with a supervisor's approval")
                .hasMessageContaining("nothing was refunded");
        assertThat(storedValue.balance(member)).contains(1_000L - 357);
        assertThat(journal.findRecord(ReturnRecord.class, returnId)).isEmpty();
        assertThat(offline.unfinished()).isEmpty(); // nothing started holds the goods: they can go back in cash
        assertThat(offline.localSale(saleId).orElseThrow().line(1).orElseThrow().left()).isEqualTo(2);
        assertThat(vouchersIssuedFor(returnId)).isZero();

        TillRefunds noHub = new TillRefunds(journal, steps, null, Clock.systemUTC(), RefundSettings.defaults(), null,
                storedValue);
        assertThatThrownBy(() -> noHub.refund(start(quote))).isInstanceOf(RefundRefusedException.class)
                .hasMessageContaining("not connected to the store");
        assertThat(storedValue.balance(member)).contains(1_000L - 357);
    }

    @Test
    @DisplayName("issue 12.3: only a till's credential gets a credit voucher from the hub; without one nothing is issued")
    void aCallerWithoutATillCredentialGetsNoCreditVoucher() throws Exception {
        String refundNo = ids.next().value() + "-0";
        HubClient stranger = new HubClient(hub.baseUri(), null, null, Duration.ofSeconds(5));

        assertThatThrownBy(() -> stranger.creditVoucher(refundNo, 500, "EUR"))
                .isInstanceOf(UnableToReachHubException.class).hasMessageContaining("401");
        assertThat(vouchersIssuedFor(refundNo)).isZero();
    }
}
