package pos.hub.voucher;

import pos.contract.voucher.VoucherRedisKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import pos.core.money.Money;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherBenefit;
import pos.core.voucher.VoucherKeys;
import pos.hub.PosHubException;
import pos.contract.redis.RedisConnections;

/**
 * Vouchers from the command line ({@code ./pos hub vouchers …}). Exit codes: 0 done, 1 refused or
 * a server unreachable (with a plain sentence), 2 bad options. Not thread-safe (an entry point).
 *
 * <pre>
 * ./pos hub vouchers issue --count 100 --value 10.00 --currency EUR --expires 2026-12-31 --out vouchers/ \
 *     --redis redis://10.0.0.5:6379 --mariadb jdbc:mariadb://10.0.0.5:3306/pos --user pos [--store store-1] [--key-id K]
 * </pre>
 *
 * Keys: {@code --keys} or the environment variable {@code POS_VOUCHER_KEYS} ({@code keyId=secret[,…]}, the first
 * signs unless {@code --key-id} says otherwise); without either, the sandbox key
 * {@value VoucherKeys#SANDBOX_KEY_ID}, with a warning.
 */
@Command(name = "vouchers", mixinStandardHelpOptions = true,
        description = "Issue vouchers (R1): MariaDB + Redis, one QR PNG per voucher and an index CSV.",
        subcommands = {VoucherIssueMain.Issue.class, VoucherIssueMain.Sync.class})
public final class VoucherIssueMain implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "pos-sync-cli-logback.xml");
        }
        System.exit(new CommandLine(new VoucherIssueMain()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: issue or sync");
    }

    /** {@code issue}: make N vouchers. */
    @Command(name = "issue", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Issue N vouchers: stored in MariaDB, made redeemable in Redis, one QR PNG each plus index.csv in --out.")
    static final class Issue implements Callable<Integer> {
        @Option(names = "--count", required = true, description = "how many vouchers (1-100000)")
        int count;

        @Option(names = "--value", description = "amount off, in major units, e.g. 10.00")
        BigDecimal value;

        @Option(names = "--currency", defaultValue = "EUR", description = "the amount's currency, default ${DEFAULT-VALUE}")
        String currency;

        @Option(names = "--product", description = "a product code the voucher gives instead of an amount off")
        String product;

        @Option(names = "--expires", required = true,
                description = "the last day it may be redeemed (YYYY-MM-DD, through 23:59:59 in --zone)")
        String expires;

        @Option(names = "--zone", defaultValue = "UTC", description = "the store's time zone for --expires, default ${DEFAULT-VALUE}")
        String zone;

        @Option(names = "--store", defaultValue = Voucher.ANY_STORE,
                description = "the only store that may redeem them; default: any store (*)")
        String store;

        @Option(names = "--customer-prefix", defaultValue = "customer-",
                description = "customer references are this plus a number, default ${DEFAULT-VALUE}")
        String customerPrefix;

        @Option(names = "--out", required = true, description = "directory for the PNGs and index.csv (created if missing)")
        Path outDir;

        @Option(names = "--keys", defaultValue = "${env:POS_VOUCHER_KEYS}",
                description = "signing keys keyId=secret[,keyId=secret...] (default: POS_VOUCHER_KEYS, else the sandbox key)")
        String keysText;

        @Option(names = "--key-id", description = "the key id to sign with (default: the first of --keys)")
        String keyId;

        @Option(names = "--redis", required = true, description = "the store's Redis, redis://host:port/db")
        String redisUri;

        @Option(names = "--mariadb", required = true, description = "the store's MariaDB, jdbc:mariadb://host:port/db")
        String jdbcUrl;

        @Option(names = "--user", defaultValue = "pos", description = "MariaDB user, default ${DEFAULT-VALUE}")
        String user;

        @Option(names = "--password", defaultValue = "${env:POS_MARIADB_PASSWORD}", description = "MariaDB password"
                + " (default: the environment variable POS_MARIADB_PASSWORD)")
        String password;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            VoucherKeys keys;
            VoucherBenefit benefit;
            Instant expiresAt;
            try {
                keys = keys(err);
                benefit = benefit();
                expiresAt = LocalDate.parse(expires).plusDays(1).atStartOfDay(ZoneId.of(zone)).toInstant().minusSeconds(1);
                new Voucher("check", benefit, customerPrefix + "0001", expiresAt, store, keys.signingKeyId()); // refuse bad options early
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                err.println("vouchers: " + e.getMessage());
                return 2;
            }
            if (expiresAt.isBefore(Instant.now())) {
                err.println("vouchers: --expires " + expires + " is in the past");
                return 2;
            }
            List<IssuedVoucher> issued;
            try (RedisConnections redis = RedisConnections.create(redisUri);
                    MariaDbVoucherStore db = MariaDbVoucherStore.create(jdbcUrl, user, password == null ? "" : password, 2,
                            Clock.systemUTC())) {
                Files.createDirectories(outDir);
                issued = new VoucherIssuer(keys, db, redis, VoucherRedisKeys.DEFAULT, Clock.systemUTC())
                        .issue(count, benefit, customerPrefix, expiresAt, store);
                writeFiles(issued, outDir);
            } catch (PosHubException | pos.contract.PosContractException e) {
                err.println("vouchers: " + e.getMessage());
                return 1;
            } catch (IOException e) {
                err.println("vouchers: the vouchers are issued, but writing the images or index.csv in " + outDir + " failed: "
                        + e.getMessage() + "; the codes are in MariaDB's vouchers table");
                return 1;
            }
            out.println("issued " + issued.size() + " vouchers (" + describe(benefit) + ", until " + expiresAt + ", store "
                    + store + ", key " + keys.signingKeyId() + "): " + outDir.resolve("index.csv"));
            return 0;
        }

        private VoucherKeys keys(PrintWriter err) {
            VoucherKeys keys;
            if (keysText == null || keysText.isBlank()) {
                err.println("vouchers: warning: no --keys or POS_VOUCHER_KEYS; signing with the sandbox key "
                        + VoucherKeys.SANDBOX_KEY_ID + ", which only development tills accept");
                keys = VoucherKeys.sandbox();
            } else {
                keys = VoucherKeys.parse(keysText);
            }
            return keyId == null ? keys : keys.signingWith(keyId);
        }

        private VoucherBenefit benefit() {
            if ((value == null) == (product == null)) {
                throw new IllegalArgumentException("give either --value (an amount off) or --product (a product code)");
            }
            if (product != null) {
                return new VoucherBenefit.Product(product);
            }
            Currency c = Currency.getInstance(currency);
            BigDecimal minor = value.movePointRight(Math.max(0, c.getDefaultFractionDigits()));
            if (minor.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("--value " + value + " has more decimals than " + currency + " allows");
            }
            return new VoucherBenefit.AmountOff(Money.ofMinor(minor.longValueExact(), c));
        }
    }

    /** {@code sync}: copy MariaDB's vouchers and redemptions back into a Redis that lost them. */
    @Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Copy unexpired vouchers missing in Redis, and MariaDB's redemptions, back into Redis.")
    static final class Sync implements Callable<Integer> {
        @Option(names = "--redis", required = true, description = "the store's Redis, redis://host:port/db")
        String redisUri;

        @Option(names = "--mariadb", required = true, description = "the store's MariaDB, jdbc:mariadb://host:port/db")
        String jdbcUrl;

        @Option(names = "--user", defaultValue = "pos", description = "MariaDB user, default ${DEFAULT-VALUE}")
        String user;

        @Option(names = "--password", defaultValue = "${env:POS_MARIADB_PASSWORD}", description = "MariaDB password"
                + " (default: the environment variable POS_MARIADB_PASSWORD)")
        String password;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (RedisConnections redis = RedisConnections.create(redisUri);
                    MariaDbVoucherStore db = MariaDbVoucherStore.create(jdbcUrl, user, password == null ? "" : password, 2,
                            Clock.systemUTC())) {
                // Keys are only needed to sign; syncing copies what MariaDB holds.
                int written = new VoucherIssuer(VoucherKeys.sandbox(), db, redis, VoucherRedisKeys.DEFAULT, Clock.systemUTC())
                        .resync();
                spec.commandLine().getOut().println("wrote " + written + " voucher states into Redis");
                return 0;
            } catch (PosHubException | pos.contract.PosContractException e) {
                spec.commandLine().getErr().println("vouchers: " + e.getMessage());
                return 1;
            }
        }
    }

    static String describe(VoucherBenefit benefit) {
        return benefit instanceof VoucherBenefit.AmountOff off ? off.amount().minorUnits() + " "
                + off.amount().currency().getCurrencyCode() + " minor units off"
                : "product " + ((VoucherBenefit.Product) benefit).productCode();
    }

    /** The columns of {@code index.csv}, in order. */
    static final String[] INDEX_COLUMNS = {"voucher_id", "customer_ref", "benefit", "store_id", "expires_at", "key_id", "png", "code"};
    /** RFC 4180 with LF line ends (as before commons-csv): a field is quoted only when it must be. */
    static final CSVFormat INDEX_FORMAT = CSVFormat.RFC4180.builder().setHeader(INDEX_COLUMNS).setRecordSeparator('\n').get();

    /** One {@code <voucherId>.png} per voucher and {@code index.csv}. */
    static void writeFiles(List<IssuedVoucher> issued, Path dir) throws IOException {
        Path index = dir.resolve("index.csv");
        try (Writer out = Files.newBufferedWriter(index, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, INDEX_FORMAT)) {
            for (IssuedVoucher v : issued) {
                String png = v.voucher().voucherId() + ".png";
                VoucherQrImages.writePng(v.code(), dir.resolve(png));
                csv.printRecord(v.voucher().voucherId(), v.voucher().customerRef(), describe(v.voucher().benefit()),
                        v.voucher().storeId(), v.voucher().expiresAt().toString(), v.voucher().keyId(), png, v.code());
            }
        }
    }
}
