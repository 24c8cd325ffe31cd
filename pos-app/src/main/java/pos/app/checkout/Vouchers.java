package pos.app.checkout;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Voucher scans at the checkout (R1–R6): verified offline with the codec, redeemed once and only
 * once off the UI thread, then applied to the sale as a free product or an amount off. Not
 * thread-safe: UI thread only; redemption runs on the {@link TaskExecutor}, back through {@link UiThread}.
 */
public final class Vouchers {

    private static final Logger LOG = LoggerFactory.getLogger(Vouchers.class);

    private final Checkout checkout;
    private final CheckoutText text;
    private final Catalog catalog;
    private final Clock clock;
    private final String tillId;
    private final Currency currency;
    private final DateTimeFormatter dateTimeFormat;
    private final TaskExecutor background;
    private final UiThread ui;

    private VoucherCodec codec;
    private VoucherRedemption redemption;
    private String storeId = "";
    private String redeeming;
    private final Set<String> applied = new HashSet<>();

    Vouchers(Checkout checkout, CheckoutText text, Catalog catalog, Clock clock, String tillId, Currency currency,
            DateTimeFormatter dateTimeFormat, TaskExecutor background, UiThread ui) {
        this.checkout = checkout;
        this.text = text;
        this.catalog = catalog;
        this.clock = clock;
        this.tillId = tillId;
        this.currency = currency;
        this.dateTimeFormat = dateTimeFormat;
        this.background = background;
        this.ui = ui;
    }

    void use(VoucherCodec codec, String storeId, VoucherRedemption redemption) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.storeId = Objects.requireNonNull(storeId, "storeId");
        this.redemption = redemption;
    }

    public static boolean looksLikeVoucher(String code) {
        return code != null && code.regionMatches(true, 0, VoucherCodec.PREFIX, 0, VoucherCodec.PREFIX.length());
    }

    /** The voucher being redeemed at the store now, or null. */
    public String redeeming() {
        return redeeming;
    }

    /** The vouchers applied to the sale on screen. */
    public List<String> applied() {
        return List.copyOf(applied);
    }

    void newSale() {
        applied.clear();
    }

    /** R1: a scanned voucher names the voucher and its customer; then it is redeemed (R2) and applied. */
    void scanned(String code) {
        if (codec == null) {
            checkout.say(MessageKind.ERROR, "voucher.notConfigured");
            return;
        }
        if (redeeming != null) {
            checkout.say(MessageKind.ERROR, "voucher.busy");
            return;
        }
        VoucherCheck check = codec.verify(code, clock.instant(), storeId);
        if (check instanceof VoucherCheck.Refused refused) {
            LOG.info("voucher scan refused: {}", refused.detail());
            checkout.say(MessageKind.ERROR, refused.messageKey());
            return;
        }
        Voucher voucher = ((VoucherCheck.Valid) check).voucher();
        if (applied.contains(voucher.voucherId())) {
            checkout.say(MessageKind.ERROR, "voucher.alreadyApplied", voucher.voucherId());
            return;
        }
        Sale sale = checkout.sale();
        Product freeProduct = null;
        if (voucher.benefit() instanceof VoucherBenefit.Product p) {
            freeProduct = catalog.products().stream().filter(pr -> pr.code().equals(p.productCode())).findFirst().orElse(null);
            if (freeProduct == null) {
                checkout.say(MessageKind.ERROR, "voucher.productUnknown", p.productCode());
                return;
            }
            if (sale.state() != SaleState.OPEN) {
                checkout.say(MessageKind.ERROR, "voucher.productWhileTendering");
                return;
            }
        } else if (sale.isEmpty()) {
            checkout.say(MessageKind.ERROR, "voucher.needsItems", voucher.customerRef());
            return;
        }
        if (redemption == null) {
            checkout.say(MessageKind.ERROR, "voucher.redeem.unavailable");
            return;
        }
        redeeming = voucher.voucherId();
        checkout.say(MessageKind.INFO, "voucher.redeeming", voucher.voucherId(), voucher.customerRef(), benefitText(voucher));
        Product product = freeProduct;
        VoucherRedemption store = redemption;
        background.execute(() -> {
            RedemptionResult result;
            try {
                result = store.redeem(voucher, tillId, sale.id().value());
            } catch (RuntimeException e) {
                LOG.error("voucher {} could not be redeemed", voucher.voucherId(), e);
                result = RedemptionResult.failed(voucher.voucherId(), RedemptionFailure.UNAVAILABLE, clock.instant(),
                        String.valueOf(e.getMessage()));
            }
            RedemptionResult answer = result;
            ui.execute(() -> redeemed(sale, voucher, product, answer));
        });
    }

    private void redeemed(Sale forSale, Voucher voucher, Product product, RedemptionResult result) {
        redeeming = null;
        if (!result.isSuccess()) {
            // R5: the reason on the clerk's screen; nothing applied
            LOG.info("voucher {} not redeemed: {}", voucher.voucherId(), result.detail());
            if (result.failure() == RedemptionFailure.ALREADY_REDEEMED) {
                checkout.say(MessageKind.ERROR, result.messageKey(), result.storeId(), result.tillId(),
                        dateTimeFormat.format(result.at().atZone(clock.getZone())), result.orderNumber());
            } else {
                checkout.say(MessageKind.ERROR, result.messageKey());
            }
            return;
        }
        Sale sale = checkout.sale();
        if (forSale != sale) {
            // the sale was finished or cancelled while Redis answered: the redemption stands, for that sale id
            LOG.warn("voucher {} redeemed (order {}) for sale {} which is no longer on screen", voucher.voucherId(),
                    result.orderNumber(), forSale.id());
            checkout.say(MessageKind.ERROR, "voucher.saleGone", result.orderNumber());
            return;
        }
        applied.add(voucher.voucherId());
        try {
            if (product != null) {
                SaleLine line = sale.addPriced(product, Money.zero(currency));
                checkout.cartChanged(line.lineNo());
                checkout.say(MessageKind.SUCCESS, "voucher.applied.product", product.name(), voucher.customerRef(),
                        result.orderNumber());
                return;
            }
            Money worth = ((VoucherBenefit.AmountOff) voucher.benefit()).amount();
            if (sale.state() == SaleState.OPEN) {
                sale.beginTender();
            }
            Money paid = sale.due().isLessThan(worth) ? sale.due() : worth;
            sale.payPart(TenderType.VOUCHER, paid, result.orderNumber(), clock.instant());
            String message = text.format(paid.equals(worth) ? "voucher.applied.amount" : "voucher.applied.surplus",
                    text.money(paid), voucher.customerRef(), result.orderNumber(), text.money(worth.minus(paid)));
            checkout.partPaid();
            checkout.show(MessageKind.SUCCESS, message);
        } catch (SaleException e) {
            LOG.error("voucher {} redeemed (order {}) but could not be applied to sale {}", voucher.voucherId(),
                    result.orderNumber(), sale.id(), e);
            checkout.say(MessageKind.ERROR, "voucher.notApplied", result.orderNumber());
        }
    }

    private String benefitText(Voucher voucher) {
        if (voucher.benefit() instanceof VoucherBenefit.AmountOff off) {
            return text.money(off.amount());
        }
        String code = ((VoucherBenefit.Product) voucher.benefit()).productCode();
        return catalog.products().stream().filter(p -> p.code().equals(code)).map(Product::name).findFirst().orElse(code);
    }
}
