package pos.app.sell;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.catalog.Product;
import pos.core.money.Money;
import pos.core.sale.Sale;
import pos.core.sale.SaleException;
import pos.core.sale.SaleLine;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.voucher.RedemptionFailure;
import pos.core.voucher.RedemptionResult;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherBenefit;
import pos.core.voucher.VoucherCheck;
import pos.core.voucher.VoucherCodec;
import pos.core.voucher.VoucherRedemption;

/**
 * Voucher scans on the sell screen (R1–R6): verified offline with the codec, redeemed once and
 * only once off the UI thread, then applied to the sale on screen as a free product or an amount
 * off. Not thread-safe: call it on the UI thread; redemption runs on the {@link TaskExecutor} and
 * comes back through {@link UiThread}.
 */
final class VoucherModel {

    private static final Logger LOG = LoggerFactory.getLogger(VoucherModel.class);

    /** What vouchers need of the sell screen beyond {@link SellContext}. */
    interface Host extends SellContext {

        /** The cart changed; shows it with line {@code selectLineNo} selected. */
        void cartChanged(int selectLineNo);

        /** Part of the sale was paid: journals it when nothing is due any more, else asks for the rest in cash. */
        void partPaid();
    }

    private final Host host;
    private final Catalog catalog;
    private final Clock clock;
    private final String tillId;
    private final Currency currency;
    private final MoneyFormat money;
    private final DateTimeFormatter dateTimeFormat;
    private final TaskExecutor background;
    private final UiThread ui;

    private VoucherCodec voucherCodec;
    private VoucherRedemption voucherRedemption;
    private String storeId = "";
    private String redeemingVoucher;
    private final Set<String> appliedVouchers = new HashSet<>();

    VoucherModel(Host host, Catalog catalog, Clock clock, String tillId, Currency currency, MoneyFormat money,
            DateTimeFormatter dateTimeFormat, TaskExecutor background, UiThread ui) {
        this.host = Objects.requireNonNull(host, "host");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tillId = Objects.requireNonNull(tillId, "tillId");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.money = Objects.requireNonNull(money, "money");
        this.dateTimeFormat = Objects.requireNonNull(dateTimeFormat, "dateTimeFormat");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /**
     * Takes voucher scans from now on: verified here, offline, with {@code codec} (forged, expired,
     * malformed, unknown key and wrong store are refused at once), then redeemed once and only once
     * through {@code redemption} off the UI thread.
     *
     * @param redemption the store's redemption, or null when this till has no Redis: vouchers are
     *                   then refused (the till cannot prove a voucher unused)
     */
    void useVouchers(VoucherCodec codec, String storeId, VoucherRedemption redemption) {
        this.voucherCodec = Objects.requireNonNull(codec, "codec");
        this.storeId = Objects.requireNonNull(storeId, "storeId");
        this.voucherRedemption = redemption;
    }

    static boolean looksLikeVoucher(String code) {
        return code != null && code.regionMatches(true, 0, VoucherCodec.PREFIX, 0, VoucherCodec.PREFIX.length());
    }

    /** A new sale: no voucher is applied to it yet. */
    void newSale() {
        appliedVouchers.clear();
    }

    /** R1: a scanned voucher names the voucher and its customer; then it is redeemed (R2) and applied. */
    void handleVoucher(String code) {
        if (voucherCodec == null) {
            host.say(MessageKind.ERROR, "voucher.notConfigured");
            return;
        }
        if (redeemingVoucher != null) {
            host.say(MessageKind.ERROR, "voucher.busy");
            return;
        }
        VoucherCheck check = voucherCodec.verify(code, clock.instant(), storeId);
        if (check instanceof VoucherCheck.Refused refused) {
            LOG.info("voucher scan refused: {}", refused.detail());
            host.say(MessageKind.ERROR, refused.messageKey());
            return;
        }
        Voucher voucher = ((VoucherCheck.Valid) check).voucher();
        if (appliedVouchers.contains(voucher.voucherId())) {
            host.say(MessageKind.ERROR, "voucher.alreadyApplied", voucher.voucherId());
            return;
        }
        Sale sale = host.sale();
        Product freeProduct = null;
        if (voucher.benefit() instanceof VoucherBenefit.Product p) {
            freeProduct = catalog.products().stream().filter(pr -> pr.code().equals(p.productCode())).findFirst().orElse(null);
            if (freeProduct == null) {
                host.say(MessageKind.ERROR, "voucher.productUnknown", p.productCode());
                return;
            }
            if (sale.state() != SaleState.OPEN) {
                host.say(MessageKind.ERROR, "voucher.productWhileTendering");
                return;
            }
        } else if (sale.isEmpty()) {
            host.say(MessageKind.ERROR, "voucher.needsItems", voucher.customerRef());
            return;
        }
        if (voucherRedemption == null) {
            host.say(MessageKind.ERROR, "voucher.redeem.unavailable");
            return;
        }
        redeemingVoucher = voucher.voucherId();
        host.say(MessageKind.INFO, "voucher.redeeming", voucher.voucherId(), voucher.customerRef(), benefitText(voucher));
        Sale forSale = sale;
        Product product = freeProduct;
        VoucherRedemption redemption = voucherRedemption;
        background.execute(() -> {
            RedemptionResult result;
            try {
                result = redemption.redeem(voucher, tillId, forSale.id().value());
            } catch (RuntimeException e) {
                LOG.error("voucher {} could not be redeemed", voucher.voucherId(), e);
                result = RedemptionResult.failed(voucher.voucherId(), RedemptionFailure.UNAVAILABLE, clock.instant(),
                        String.valueOf(e.getMessage()));
            }
            RedemptionResult answer = result;
            ui.execute(() -> voucherRedeemed(forSale, voucher, product, answer));
        });
    }

    private void voucherRedeemed(Sale forSale, Voucher voucher, Product product, RedemptionResult result) {
        redeemingVoucher = null;
        if (!result.isSuccess()) {
            // R5: the reason on the clerk's screen; nothing applied
            LOG.info("voucher {} not redeemed: {}", voucher.voucherId(), result.detail());
            if (result.failure() == RedemptionFailure.ALREADY_REDEEMED) {
                host.say(MessageKind.ERROR, result.messageKey(), result.storeId(), result.tillId(),
                        dateTimeFormat.format(result.at().atZone(clock.getZone())), result.orderNumber());
            } else {
                host.say(MessageKind.ERROR, result.messageKey());
            }
            return;
        }
        Sale sale = host.sale();
        if (forSale != sale) {
            // the sale was finished or cancelled while Redis answered: the redemption stands, for that sale id
            LOG.warn("voucher {} redeemed (order {}) for sale {} which is no longer on screen", voucher.voucherId(),
                    result.orderNumber(), forSale.id());
            host.say(MessageKind.ERROR, "voucher.saleGone", result.orderNumber());
            return;
        }
        appliedVouchers.add(voucher.voucherId());
        try {
            if (product != null) {
                SaleLine line = sale.addPriced(product, Money.zero(currency));
                host.cartChanged(line.lineNo());
                host.say(MessageKind.SUCCESS, "voucher.applied.product", product.name(), voucher.customerRef(), result.orderNumber());
                return;
            }
            Money worth = ((VoucherBenefit.AmountOff) voucher.benefit()).amount();
            if (sale.state() == SaleState.OPEN) {
                sale.beginTender();
            }
            Money applied = sale.due().isLessThan(worth) ? sale.due() : worth;
            sale.payPart(TenderType.VOUCHER, applied, result.orderNumber(), clock.instant());
            String message = host.format(applied.equals(worth) ? "voucher.applied.amount" : "voucher.applied.surplus",
                    money.format(applied), voucher.customerRef(), result.orderNumber(), money.format(worth.minus(applied)));
            host.partPaid();
            host.show(MessageKind.SUCCESS, message);
        } catch (SaleException e) {
            LOG.error("voucher {} redeemed (order {}) but could not be applied to sale {}", voucher.voucherId(),
                    result.orderNumber(), sale.id(), e);
            host.say(MessageKind.ERROR, "voucher.notApplied", result.orderNumber());
        }
    }

    private String benefitText(Voucher voucher) {
        if (voucher.benefit() instanceof VoucherBenefit.AmountOff off) {
            return money.format(off.amount());
        }
        String code = ((VoucherBenefit.Product) voucher.benefit()).productCode();
        return catalog.products().stream().filter(p -> p.code().equals(code)).map(Product::name).findFirst().orElse(code);
    }
}
