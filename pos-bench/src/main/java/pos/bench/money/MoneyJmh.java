package pos.bench.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import pos.core.money.Money;

/**
 * JMH: reading a typed amount with {@link Money#parse} (normalising, validating, exact) against the
 * raw floor {@code new BigDecimal(text).movePointRight(2).longValueExact()}. The full-width input
 * ({@code １２．５０}) shows what the input-method normalising costs. {@link pos.bench.jmh.JmhMain}
 * prints parse ÷ rawParse. Writing an amount: {@link MoneyFormatJmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MoneyJmh {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Param({"12.50", "１２．５０"})
    public String typed;

    @Benchmark
    public Money parse() {
        return Money.parse(typed, EUR);
    }

    @Benchmark
    public long rawParse() {
        // the floor: only ASCII digits can be read this way (a full-width input fails in BigDecimal)
        String ascii = typed.charAt(0) < 0x80 ? typed : "12.50";
        return new BigDecimal(ascii).movePointRight(2).longValueExact();
    }
}
