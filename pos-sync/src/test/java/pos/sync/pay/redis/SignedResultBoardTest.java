package pos.sync.pay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.contract.auth.Ed25519;
import pos.contract.pay.PaymentKeys;
import pos.contract.pay.RedisResultBoard;
import pos.contract.pay.ResultSignature;
import pos.contract.pay.ResultUpdate;
import pos.contract.redis.RedisConnections;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis
@DisplayName("RedisResultBoard with the hub's signing key (issue 10)")
class SignedResultBoardTest {

    private static final AtomicInteger NEXT_TX = new AtomicInteger();

    RedisProcess redis;

    private final KeyPair hubKeys = Ed25519.generate();
    private RedisConnections connections;
    private RedisResultBoard hubBoard;
    private RedisResultBoard tillBoard;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> commands;

    @BeforeEach
    void setUp() {
        connections = RedisConnections.create(redis.uri());
        hubBoard = new RedisResultBoard(connections, PaymentKeys.DEFAULT, Duration.ofMinutes(5), hubKeys.getPrivate());
        tillBoard = new RedisResultBoard(connections);
        connection = connections.connect();
        commands = connection.sync();
    }

    @AfterEach
    void tearDown() {
        hubBoard.close();
        tillBoard.close();
        connection.close();
        connections.close();
    }

    private static PaymentResult result(String tx, PaymentStatus status) {
        return new PaymentResult(tx, status, 5009, "EUR", PaymentMethod.QR_SHOWN, null, Instant.ofEpochMilli(1_790_000_000_123L));
    }

    private static String newTx() {
        return String.format("TXSIGNED%06d", NEXT_TX.incrementAndGet());
    }

    @Test
    @DisplayName("SEC-212 the hub's board stores sig with the result in the same write; it verifies for exactly that result")
    void signatureTravelsWithTheResult() {
        String tx = newTx();
        hubBoard.publish(result(tx, PaymentStatus.SUCCESS));
        Map<String, String> hash = commands.hgetall(PaymentKeys.DEFAULT.result(tx));
        assertThat(hash).containsKey(RedisResultBoard.SIGNATURE);
        var entry = tillBoard.read(tx).orElseThrow();
        assertThat(entry.signature()).isEqualTo(hash.get(RedisResultBoard.SIGNATURE));
        assertThat(ResultSignature.verify(hubKeys.getPublic(), entry.result(), entry.signature())).isTrue();
        assertThat(ResultSignature.canonicalText(entry.result()))
                .isEqualTo("pos-result-v1|" + tx + "|SUCCESS|5009|EUR||1790000000123");
        PaymentResult otherAmount = new PaymentResult(tx, PaymentStatus.SUCCESS, 100, "EUR", PaymentMethod.QR_SHOWN, null,
                entry.result().updatedAt());
        assertThat(ResultSignature.verify(hubKeys.getPublic(), otherAmount, entry.signature())).isFalse();
        assertThat(ResultSignature.verify(Ed25519.generate().getPublic(), entry.result(), entry.signature())).isFalse();
    }

    @Test
    @DisplayName("SEC-212 a till's unsigned write carries no sig, and a later signed write replaces a forged final state only"
            + " while its sig is still the one the hub refused")
    void unverifiedFinalStateIsReplacedOnlyByCompareAndSetOnItsSig() {
        String tx = newTx();
        tillBoard.publish(result(tx, PaymentStatus.PENDING));
        assertThat(tillBoard.read(tx).orElseThrow().signature()).isNull();

        commands.hset(PaymentKeys.DEFAULT.result(tx), Map.of("status", "SUCCESS", "sig", "forged")); // the attacker
        ResultUpdate ordinary = hubBoard.update(result(tx, PaymentStatus.CLOSED));
        assertThat(ordinary.outcome()).as("the ordinary compare-and-set would keep the forged SUCCESS")
                .isEqualTo(ResultUpdate.Outcome.REFUSED);

        ResultUpdate stale = hubBoard.update(result(tx, PaymentStatus.CLOSED), "another-sig");
        assertThat(stale.outcome()).as("the sig changed since the hub looked: kept").isEqualTo(ResultUpdate.Outcome.REFUSED);

        ResultUpdate replaced = hubBoard.update(result(tx, PaymentStatus.CLOSED), "forged");
        assertThat(replaced.outcome()).isEqualTo(ResultUpdate.Outcome.STORED);
        var entry = tillBoard.read(tx).orElseThrow();
        assertThat(entry.result().status()).isEqualTo(PaymentStatus.CLOSED);
        assertThat(ResultSignature.verify(hubKeys.getPublic(), entry.result(), entry.signature())).isTrue();
    }
}
