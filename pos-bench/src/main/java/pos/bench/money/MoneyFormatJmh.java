package pos.bench.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import pos.core.money.Money;

/**
 * JMH: writing an amount with {@link Money#toString()} against the raw floor
 * {@code BigDecimal.valueOf(minor, 2).toPlainString()}. {@link pos.bench.jmh.JmhMain} prints
 * format ÷ rawFormat.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MoneyFormatJmh {

    private final Money amount = Money.ofMinor(214_748_364_801L, Currency.getInstance("EUR"));

    @Benchmark
    public String format() {
        return amount.toString();
    }

    @Benchmark
    public String rawFormat() {
        return "EUR " + BigDecimal.valueOf(amount.minorUnits(), 2).toPlainString();
    }
}
