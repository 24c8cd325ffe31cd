package pos.core.pay;

import java.util.Objects;
import java.util.Optional;

/**
 * A provider's refusal as the till keeps it: the neutral {@link RefusalReason} and, beside it, the provider's own
 * code for the clerk's detail line and for support. It travels as one text, the {@code reasonCode} of a
 * {@link GatewayAnswer}, a journal row, a Redis result: {@code REASON} or {@code REASON:PROVIDER_CODE}, for example
 * {@code INSUFFICIENT_BALANCE:NOTENOUGH} or {@code CODE_INVALID:ACQ.PAYMENT_AUTH_CODE_INVALID}. A text written before
 * the reasons existed (a bare provider code such as {@code NOTENOUGH}) reads as {@link RefusalReason#OTHER} with that
 * code. Immutable.
 *
 * @param reason       the till's reason
 * @param providerCode the provider's own code, or null when the refusal is the till's own (no answer in time)
 */
public record Refusal(RefusalReason reason, String providerCode) {

    private static final int MAX_CODE = 64;

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        if (providerCode != null) {
            providerCode = printable(providerCode);
            if (providerCode.isEmpty()) {
                providerCode = null;
            }
        }
    }

    /** A refusal of the till's own, without a provider code. */
    public static Refusal of(RefusalReason reason) {
        return new Refusal(reason, null);
    }

    /** A provider's refusal: the reason its code means, and the code. */
    public static Refusal of(RefusalReason reason, String providerCode) {
        return new Refusal(reason, providerCode);
    }

    /**
     * Reads a reason code as written by {@link #code()}, or a bare code written before the reasons existed.
     *
     * @return empty for null or blank
     */
    public static Optional<Refusal> parse(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String text = code.strip();
        int colon = text.indexOf(':');
        String head = colon < 0 ? text : text.substring(0, colon);
        RefusalReason reason = RefusalReason.named(head);
        if (reason == null) {
            return Optional.of(new Refusal(RefusalReason.OTHER, text));
        }
        return Optional.of(new Refusal(reason, colon < 0 ? null : text.substring(colon + 1)));
    }

    /** The reason of a reason code ({@link RefusalReason#OTHER} for a bare provider code), or null for none. */
    public static RefusalReason reasonOf(String code) {
        return parse(code).map(Refusal::reason).orElse(null);
    }

    /** The one text that carries this refusal: {@code REASON} or {@code REASON:PROVIDER_CODE}. */
    public String code() {
        return providerCode == null ? reason.name() : reason.name() + ":" + providerCode;
    }

    /** The provider's code, when the provider gave one. */
    public Optional<String> provider() {
        return Optional.ofNullable(providerCode);
    }

    @Override
    public String toString() {
        return code();
    }

    /** At most 64 printable ASCII characters: a provider's code is shown and logged, never trusted. */
    private static String printable(String code) {
        String stripped = code.strip().replaceAll("[^\\x21-\\x7e]", "?");
        return stripped.length() > MAX_CODE ? stripped.substring(0, MAX_CODE) : stripped;
    }
}
