package pos.app.sell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.app.checkout.CheckoutText;
import pos.app.i18n.Texts;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.people.Approval;
import pos.core.people.ApprovalRequiredException;
import pos.core.people.Authority;
import pos.core.people.Clerk;
import pos.core.people.GuardedAction;
import pos.core.people.PinHash;
import pos.core.people.Role;
import pos.core.people.SignedIn;
import pos.core.sale.TransactionId;
import pos.sync.rules.RuleRefusal;

/**
 * Issue 14 point 3: "every screen, message, receipt line and report in a zh_CN bundle". Sentences made in other
 * modules (pos-sync's rule-base refusals, pos-core's approval refusals, the payment provider's set-up problem) reach a
 * Chinese till's clerk in Chinese, rendered on the till from a reason and values; an English till says what it said.
 */
@DisplayName("Issue 14.3: rule-base, approval and payment set-up sentences on a Chinese till")
class ModuleSentencesInChineseTest {

    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    static final Currency EUR = Currency.getInstance("EUR");
    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final List<SellViewModel> models = new ArrayList<>();

    SellViewModel till(Locale locale) {
        SellViewModel model = new SellViewModel(new Catalog(List.of(), VariableMeasureLayout.DEFAULT), new FakeJournal(),
                new FakeSyncMonitor(), new FakePaymentDesk(), new TransactionId.Generator(clock), clock, "till-7", EUR,
                new MoneyFormat(locale), Texts.forLocale(locale), TaskExecutor.sameThread(), UiThread.sameThread());
        models.add(model);
        return model;
    }

    @AfterEach
    void dispose() {
        models.forEach(SellViewModel::dispose);
    }

    @Test
    @DisplayName("a refused rule-base update is said on the status bar from its reason and values")
    void ruleBaseRefusals() {
        SellViewModel chinese = till(ZH);
        SellViewModel english = till(Locale.US);
        List<RuleRefusal> refusals = List.of(
                new RuleRefusal(RuleRefusal.Reason.NOT_SIGNED, List.of("9223372036854775807", 13L)),
                new RuleRefusal(RuleRefusal.Reason.VERSION_MISMATCH, List.of(15L, 14L, 13L)),
                new RuleRefusal(RuleRefusal.Reason.CACHE_REFUSED, List.of(77L, "checksum")),
                new RuleRefusal(RuleRefusal.Reason.CACHE_UNREADABLE, List.of("disk")));
        for (RuleRefusal refusal : refusals) {
            chinese.showRuleBase(13, "HUB", "update refused: the keeper's English sentence", refusal.key(), refusal.values());
            String said = chinese.status().ruleBaseTextProperty().get();
            assertThat(said.replaceAll("checksum|disk", "")).as(refusal.toString()).startsWith("规则库 v13 · ⚠ 更新被拒绝：")
                    .doesNotContainPattern("[A-Za-z]{2,}").doesNotContain("English");
            assertThat(chinese.status().ruleBaseProblemProperty().get()).isTrue();
        }
        chinese.showRuleBase(13, "HUB", "update refused: x", refusals.get(0).key(), refusals.get(0).values());
        assertThat(chinese.status().ruleBaseTextProperty().get())
                .isEqualTo("规则库 v13 · ⚠ 更新被拒绝：版本 9223372036854775807 没有店主的签名（版本 13 继续有效）");
        chinese.showRuleBase(13, "HUB", "update refused: x", refusals.get(3).key(), refusals.get(3).values());
        assertThat(chinese.status().ruleBaseTextProperty().get()).endsWith("无法读取本机保存的规则：disk");
        RuleRefusal off = new RuleRefusal(RuleRefusal.Reason.UPDATES_OFF, List.of());
        chinese.showRuleBase(0, "DEFAULTS", pos.sync.rules.RuleBaseTrust.UPDATES_OFF, off.key(), off.values());
        assertThat(chinese.status().ruleBaseTextProperty().get()).isEqualTo("规则库 v0 · ⚠ 规则更新已关闭：本收银机未配置店主密钥");

        english.showRuleBase(13, "HUB", "update refused: x", refusals.get(1).key(), refusals.get(1).values());
        assertThat(english.status().ruleBaseTextProperty().get()).isEqualTo("Rules v13 · ⚠ update refused: the rule data"
                + " says version 15 but the store owner signed version 14 (version 13 stays in force)");
        english.showRuleBase(0, "DEFAULTS", pos.sync.rules.RuleBaseTrust.UPDATES_OFF, off.key(), off.values());
        assertThat(english.status().ruleBaseTextProperty().get())
                .isEqualTo("Rules v0 · ⚠ rule updates off: the store owner's key is not set up on this till");
    }

    @Test
    @DisplayName("a supervisor's approval that does not do is said from pos-core's reason; in English as pos-core says it")
    void approvalRefusals() {
        Clerk ann = new Clerk("c1", "Ann", Role.CASHIER, PinHash.of("4711".toCharArray(), 1_000), true);
        Clerk sue = new Clerk("c2", "Sue", Role.SUPERVISOR, PinHash.of("123456".toCharArray(), 1_000), true);
        Clerk gone = new Clerk("c3", "Max", Role.SUPERVISOR, PinHash.of("654321".toCharArray(), 1_000), false);
        SignedIn shift = new SignedIn(ann, "till-7", SignedIn.Method.PIN, NOW);
        Authority authority = new Authority(clock, Duration.ofMinutes(2));
        Authority later = new Authority(Clock.offset(clock, Duration.ofMinutes(5)), Duration.ofMinutes(2));
        Approval voidLine = authority.approve(GuardedAction.VOID_LINE, "sale-1:2", sue, shift);
        List<ApprovalRequiredException> refusals = List.of(
                catchThrowableOfType(() -> authority.approve(GuardedAction.REFUND, "sale-1", gone, shift),
                        ApprovalRequiredException.class),
                catchThrowableOfType(() -> authority.require(GuardedAction.CANCEL_SALE, "sale-1", null),
                        ApprovalRequiredException.class),
                catchThrowableOfType(() -> authority.require(GuardedAction.CANCEL_SALE, "sale-1", voidLine),
                        ApprovalRequiredException.class),
                catchThrowableOfType(() -> later.require(GuardedAction.VOID_LINE, "sale-1:2", voidLine),
                        ApprovalRequiredException.class),
                catchThrowableOfType(() -> later.require(GuardedAction.VOID_LINE, "sale-1:2",
                        new Approval(GuardedAction.VOID_LINE, "sale-1:2", "c2", "c1", NOW.plusSeconds(200))),
                        ApprovalRequiredException.class));
        CheckoutText zh = new CheckoutText(Texts.forLocale(ZH), new MoneyFormat(ZH));
        CheckoutText us = new CheckoutText(Texts.forLocale(Locale.US), new MoneyFormat(Locale.US));
        assertThat(refusals).hasSize(5).doesNotContainNull().allSatisfy(e -> assertThat(e.reason()).isPresent());
        assertThat(refusals).extracting(e -> e.reason().orElseThrow()).containsExactlyInAnyOrder(
                ApprovalRequiredException.Reason.values());
        for (ApprovalRequiredException e : refusals) {
            assertThat(us.why(e)).isEqualTo(e.getMessage());
            assertThat(zh.why(e).replaceAll("Max|sale-1(:2)?", "")).as(e.getMessage())
                    .doesNotContainPattern("[A-Za-z]{2,}").containsPattern("\\p{IsHan}");
        }
        assertThat(zh.why(refusals.get(1))).isEqualTo("需要主管授权：取消本单");
        assertThat(zh.why(refusals.get(2))).isEqualTo("主管授权的是对 sale-1:2 删除商品行，而不是对 sale-1 取消本单");
    }

    @Test
    @DisplayName("a payment provider whose credentials cannot be used: the till's sentence, the provider's as its detail")
    void paymentProviderUnusable() {
        String providers = "/etc/pos/merchant-key.pem may be read by others: chmod 600 /etc/pos/merchant-key.pem";
        SellViewModel chinese = till(ZH);
        chinese.showPaymentsNotSetUp("wechatpay", providers, Path.of("/etc/pos"), Map.of());
        assertThat(chinese.status().paymentsTextProperty().get()).contains("收款凭据无法使用").contains(providers);
        assertThat(chinese.status().paymentsTextProperty().get().replace(providers, ""))
                .doesNotContainPattern("[A-Za-z]{2,}");
        assertThat(chinese.status().paymentsDetailProperty().get()).isEqualTo(providers);
        assertThat(chinese.messageProperty().get().replace(providers, "").replace("IT", "")).doesNotContainPattern("[A-Za-z]{2,}")
                .containsPattern("\\p{IsHan}");

        SellViewModel english = till(Locale.US);
        english.showPaymentsNotSetUp("wechatpay", providers, Path.of("/etc/pos"), Map.of());
        assertThat(english.status().paymentsTextProperty().get()).contains("WeChat Pay not set up", providers);
        assertThat(english.messageProperty().get()).contains("WeChat Pay is not set up", providers);
    }

    @Test
    @DisplayName("a refund that cannot go back on the returns screen is said from pos-sync's reason, amounts as money")
    void refundRefusals() {
        pos.core.money.Money amount = pos.core.money.Money.ofMinor(657, Currency.getInstance("CNY"));
        List<pos.sync.refund.RefundRefusedException> refusals = new ArrayList<>();
        for (pos.sync.refund.RefundRefusedException.Reason reason : pos.sync.refund.RefundRefusedException.Reason.values()) {
            Object[] values = switch (reason) {
                case CREDIT_VOUCHER_NOT_CONNECTED, CREDIT_VOUCHER_UNREACHABLE, NO_STORED_VALUE_LEDGER -> new Object[] {amount};
                case CREDIT_VOUCHER_WRONG -> new Object[] {"600 CNY", "R-1", amount};
                case STORED_VALUE_FAILED -> new Object[] {amount, "ledger closed"};
                case NO_GATEWAY -> new Object[] {pos.core.sale.TenderType.QR};
                case GATEWAY_REFUSED -> new Object[] {amount, pos.core.sale.TenderType.CARD, "PAYERROR"};
                case GATEWAY_SILENT -> new Object[] {amount, 3};
                case INTERRUPTED -> new Object[] {"R-1"};
            };
            refusals.add(new pos.sync.refund.RefundRefusedException("English sentence", null, reason, values));
        }
        MoneyFormat yuan = new MoneyFormat(ZH);
        for (pos.sync.refund.RefundRefusedException e : refusals) {
            String said = pos.app.i18n.ForeignSentences.refundRefused(Texts.forLocale(ZH), yuan, e);
            assertThat(said.replaceAll("CNY|R-1|ledger closed|PAYERROR", "")).as(e.reason().toString())
                    .doesNotContainPattern("[A-Za-z]{2,}").containsPattern("\\p{IsHan}");
        }
        assertThat(pos.app.i18n.ForeignSentences.refundRefused(Texts.forLocale(ZH), yuan, refusals.get(6)))
                .isEqualTo("支付网关拒绝把 ¥6.57 退到银行卡（PAYERROR）：退货保留为未完成，请联系门店办公室。");
        assertThat(pos.app.i18n.ForeignSentences.refundRefused(Texts.forLocale(Locale.US), new MoneyFormat(Locale.US),
                refusals.get(5))).isEqualTo("This sale was paid by QR, and this till has no payment gateway set up to refund"
                        + " it: nothing was refunded.");
        assertThat(pos.app.i18n.ForeignSentences.refundRefused(Texts.forLocale(ZH), yuan,
                new pos.sync.refund.RefundRefusedException("only English", null))).isEqualTo("only English");
    }
}
