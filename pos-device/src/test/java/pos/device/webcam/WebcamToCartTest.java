package pos.device.webcam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.device.webcam.WebcamTestSupport.POLL;

import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.zxing.BarcodeFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import pos.core.catalog.Catalog;
import pos.core.catalog.Lookup;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;
import pos.core.sale.Sale;
import pos.core.sale.SaleLine;
import pos.core.sale.TransactionId;

/**
 * From the camera to the cart: product codes shown to the simulated camera go through webcam-capture,
 * ZXing and the {@code Scanner} port into pos-core's catalog lookup and sale, the way the till wires
 * any scanner; a voucher's QR code is no product and adds nothing.
 */
class WebcamToCartTest {

    private static final TaxClass STANDARD = new TaxClass("A", 1900);
    private static final Product COFFEE = product("coffee", SyntheticFrames.EAN_13, "Coffee 500 g", 699);
    private static final Product GUM = product("gum", SyntheticFrames.EAN_8, "Chewing gum", 129);
    private static final Product TEA = product("tea", SyntheticFrames.EAN_13_LEADING_ZERO, "Green tea", 349);

    private final SyntheticFrames frames = new SyntheticFrames(5);
    private WebcamScanner scanner;

    @AfterEach
    void stop() {
        if (scanner != null) {
            scanner.close();
        }
    }

    @Test
    @DisplayName("products shown to the webcam land in the cart once per showing; a voucher QR adds no line")
    void productsShownToTheWebcamLandInTheCart() {
        Catalog catalog = new Catalog(List.of(COFFEE, GUM, TEA), VariableMeasureLayout.DEFAULT);
        Sale sale = new Sale(new TransactionId.Generator(Clock.systemUTC()).next(), Currency.getInstance("EUR"), Instant.now());
        List<Lookup> lookups = new CopyOnWriteArrayList<>();

        BufferedImage counter = frames.counter();
        List<BufferedImage> film = new ArrayList<>();
        show(film, frames.frame(frames.barcode(SyntheticFrames.EAN_13, BarcodeFormat.EAN_13, 420, 140), 4), 10, counter, 12);
        show(film, frames.noise(frames.frame(frames.barcode(SyntheticFrames.EAN_8, BarcodeFormat.EAN_8, 220, 100), 0), 6), 10,
                counter, 12);
        show(film, frames.frame(frames.barcode(SyntheticFrames.EAN_13_LEADING_ZERO, BarcodeFormat.EAN_13, 420, 140), 0), 10,
                counter, 12);
        show(film, frames.frame(frames.qr(SyntheticFrames.QR_TEXT, 220), 20), 10, counter, 12);
        // the coffee again, after more than the duplicate window: a second pack
        show(film, frames.frame(frames.barcode(SyntheticFrames.EAN_13, BarcodeFormat.EAN_13, 420, 140), 0), 10, counter, 40);
        FrameFeedDevice camera = new FrameFeedDevice("Checkout camera", 30, film);
        scanner = new WebcamScanner(WebcamCameras.simulated(new FrameFeedDriver(camera)),
                WebcamScannerSettings.defaults().withCamera("Checkout camera").withDuplicateWindow(Duration.ofMillis(250)));
        scanner.onScan(scan -> {
            Lookup lookup = catalog.lookup(scan.code());
            lookups.add(lookup);
            if (lookup instanceof Lookup.Piece piece) {
                synchronized (sale) {
                    sale.addPieces(piece.product(), 1);
                }
            }
        });
        scanner.start();

        await("five scans").atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                .untilAsserted(() -> assertThat(lookups.size() >= 5).as(() -> String.valueOf(lookups)).isTrue());
        scanner.stop();

        synchronized (sale) {
            assertThat(quantityOf(sale, COFFEE)).isEqualTo(2);
            assertThat(quantityOf(sale, GUM)).isEqualTo(1);
            assertThat(quantityOf(sale, TEA)).as("the EAN-13 starting with 0 found under its 13 digits").isEqualTo(1);
            assertThat(sale.total()).isEqualTo(Money.ofMinor(2 * 699 + 129 + 349, "EUR"));
        }
        assertThat(lookups).filteredOn(l -> !(l instanceof Lookup.Piece)).hasSize(1)
                .allSatisfy(l -> assertThat(l).isNotInstanceOf(Lookup.Piece.class));
    }

    private static void show(List<BufferedImage> film, BufferedImage code, int frames, BufferedImage after, int afterFrames) {
        film.addAll(Collections.nCopies(frames, code));
        film.addAll(Collections.nCopies(afterFrames, after));
    }

    private static int quantityOf(Sale sale, Product product) {
        return sale.lines().stream().filter(line -> line.product().code().equals(product.code())).mapToInt(SaleLine::quantity).sum();
    }

    private static Product product(String code, String gtin, String name, long cents) {
        return new Product(code, gtin, name, Money.ofMinor(cents, "EUR"), STANDARD, SaleUnit.PIECE, null, "groceries");
    }
}
