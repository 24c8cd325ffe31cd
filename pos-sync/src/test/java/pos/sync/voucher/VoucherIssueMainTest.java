package pos.sync.voucher;

import pos.contract.voucher.VoucherRedisKeys;
import pos.hub.voucher.VoucherIssueMain;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import pos.core.voucher.VoucherCheck;
import pos.core.voucher.VoucherCodec;
import pos.core.voucher.VoucherKeys;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

@WithRedis
@WithMariaDb
@DisplayName("./pos hub vouchers issue: MariaDB, Redis, one QR PNG per voucher and an index CSV (R1)")
class VoucherIssueMainTest {

    RedisProcess redisProcess;
    TestDatabase database;

    @TempDir
    Path out;

    @Test
    @DisplayName("R1 issued vouchers are in MariaDB and Redis, and each PNG decodes to a code the till accepts")
    void r1_issueWritesDatabaseRedisAndDecodableQrCodes() throws Exception {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cli = new CommandLine(new VoucherIssueMain());
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        int exit = cli.execute("issue", "--count", "3", "--value", "5.50", "--currency", "EUR", "--expires", "2099-12-31",
                "--store", "store-4", "--out", out.toString(), "--redis", redisProcess.uri(), "--mariadb", database.jdbcUrl(),
                "--user", database.user(), "--password", database.password(), "--keys",
                "rot-2=the-second-voucher-key,sandbox-voucher-1=sandbox-voucher-key");
        assertThat(exit).as("stderr: %s", stderr).isZero();
        assertThat(stdout.toString()).contains("issued 3 vouchers", "key rot-2");

        List<String> index = Files.readAllLines(out.resolve("index.csv"));
        assertThat(index).hasSize(4);
        assertThat(index.get(0)).isEqualTo("voucher_id,customer_ref,benefit,store_id,expires_at,key_id,png,code");
        VoucherCodec codec = new VoucherCodec(VoucherKeys.parse("rot-2=the-second-voucher-key"));
        try (VoucherFixture fx = new VoucherFixture(redisProcess.uri(), database.jdbcUrl(), database.user(), database.password())) {
            for (String line : index.subList(1, index.size())) {
                String[] fields = line.split(",");
                String voucherId = fields[0];
                String code = fields[7];
                assertThat(decodeQr(out.resolve(fields[6]))).isEqualTo(code);
                VoucherCheck check = codec.verify(code, Instant.now(), "store-4");
                assertThat(check.isValid()).isTrue();
                assertThat(((VoucherCheck.Valid) check).voucher().expiresAt()).isEqualTo(Instant.parse("2099-12-31T23:59:59Z"));
                assertThat(fx.redis.hget(VoucherRedisKeys.DEFAULT.state(voucherId), "state")).isEqualTo("ISSUED");
                assertThat(fx.query(voucherId).body().path("status").asText()).isEqualTo("NOT_REDEEMED");
            }
        }
    }

    @Test
    @DisplayName("bad options are refused with a sentence and exit code 2, nothing issued")
    void badOptionsAreRefused() {
        StringWriter stderr = new StringWriter();
        CommandLine cli = new CommandLine(new VoucherIssueMain());
        cli.setErr(new PrintWriter(stderr, true));
        int exit = cli.execute("issue", "--count", "3", "--value", "5.555", "--expires", "2099-12-31", "--out", out.toString(),
                "--redis", redisProcess.uri(), "--mariadb", database.jdbcUrl());
        assertThat(exit).isEqualTo(2);
        assertThat(stderr.toString()).contains("more decimals than EUR allows");
        assertThat(out.resolve("index.csv")).doesNotExist();
    }

    private static String decodeQr(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }
}
