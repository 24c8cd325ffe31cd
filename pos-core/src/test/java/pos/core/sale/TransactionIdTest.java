package pos.core.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TransactionIdTest {

    @Test
    void idsAreUlidsThatFitTheGatewaysOutTradeNoLimit() {
        TransactionId id = new TransactionId.Generator(Clock.systemUTC()).next();
        assertThat(id.value()).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(id.value()).matches("[0-9A-Za-z_\\-|*]{6,32}");
    }

    @Test
    void theTimestampPartIsTheCreationTime() {
        Instant at = Instant.parse("2026-11-22T10:15:30.123Z");
        TransactionId id = new TransactionId.Generator(Clock.fixed(at, ZoneOffset.UTC)).next();
        assertThat(id.epochMillis()).isEqualTo(at.toEpochMilli());
    }

    @Test
    void idsFromOneGeneratorStrictlyIncreaseEvenWithinOneMillisecond() {
        TransactionId.Generator generator = new TransactionId.Generator(Clock.fixed(Instant.EPOCH.plusSeconds(1), ZoneOffset.UTC));
        TransactionId previous = generator.next();
        for (int i = 0; i < 10_000; i++) {
            TransactionId next = generator.next();
            assertThat(next).isGreaterThan(previous);
            previous = next;
        }
    }

    @Test
    void concurrentCallersNeverGetTheSameId() {
        TransactionId.Generator generator = new TransactionId.Generator(Clock.systemUTC());
        Set<TransactionId> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 50_000).parallel().forEach(i -> seen.add(generator.next()));
        assertThat(seen).hasSize(50_000);
    }

    @Test
    void malformedIdsAreRefused() {
        Set<String> bad = new HashSet<>(Set.of("", "short", "01ARZ3NDEKTSV4RRFFQ69G5FAVX", "01ARZ3NDEKTSV4RRFFQ69G5FAI", "81ARZ3NDEKTSV4RRFFQ69G5FAV"));
        for (String b : bad) {
            assertThatThrownBy(() -> new TransactionId(b)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new TransactionId("01ARZ3NDEKTSV4RRFFQ69G5FAV").value()).isEqualTo("01ARZ3NDEKTSV4RRFFQ69G5FAV");
    }
}
