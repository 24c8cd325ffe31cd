package pos.gateway.sandbox.trade;

import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's bank cards: well-known public test card numbers, each with a test PIN and a
 * fixed behaviour, so tests are deterministic. Any other Luhn-valid number is an unknown card and
 * is declined. Immutable and thread-safe.
 *
 * @param pin the card's 6-digit PIN
 * @param behaviour what the issuer does when the PIN is right
 * @param limitMinor the largest amount one charge may take (only for {@link Behaviour#LIMITED})
 */
record TestCard(String pin, Behaviour behaviour, long limitMinor) {

    /** What the issuer does with a charge whose PIN is right. */
    enum Behaviour {
        /** Pays. */
        APPROVE,
        /** Pays up to {@link TestCard#limitMinor()} per charge; more is {@code INSUFFICIENT_FUNDS}. */
        LIMITED,
        /** Always {@code DECLINED}. */
        DECLINE,
        /** Always {@code INSUFFICIENT_FUNDS}. */
        NO_FUNDS,
        /** Always {@code EXPIRED_CARD}. */
        EXPIRED
    }

    /** The table documented in the module's README. */
    private static final Map<String, TestCard> CARDS = Map.of(
            "4111111111111111", new TestCard("123456", Behaviour.APPROVE, 0),
            "5555555555554444", new TestCard("654321", Behaviour.APPROVE, 0),
            "6250941006528599", new TestCard("888888", Behaviour.LIMITED, 50_000),
            "4000056655665556", new TestCard("246810", Behaviour.DECLINE, 0),
            "4000000000009995", new TestCard("123456", Behaviour.NO_FUNDS, 0),
            "4000000000000069", new TestCard("123456", Behaviour.EXPIRED, 0));

    static Optional<TestCard> of(String cardNo) {
        return Optional.ofNullable(CARDS.get(cardNo));
    }
}
