package pos.gateway.sandbox.trade;

/**
 * What the simulated customer does with a pay-code, chosen by its last four digits so tests are
 * deterministic. Immutable and thread-safe.
 */
enum PayCodeScenario {
    /** {@code …0000}: the phone asks the customer to confirm; confirmed after {@code confirm_delay_ms}. */
    CONFIRM_LATER,
    /** {@code …9999}: the phone asks, the customer never confirms; the till must reverse. */
    NEVER_CONFIRM,
    /** {@code …1111}: the balance does not cover the amount. */
    NOT_ENOUGH,
    /** Anything else: paid at once (unless the {@code decline_rate} knob declines it). */
    PAY_NOW;

    static PayCodeScenario of(String authCode) {
        return switch (authCode.substring(authCode.length() - 4)) {
            case "0000" -> CONFIRM_LATER;
            case "9999" -> NEVER_CONFIRM;
            case "1111" -> NOT_ENOUGH;
            default -> PAY_NOW;
        };
    }
}
