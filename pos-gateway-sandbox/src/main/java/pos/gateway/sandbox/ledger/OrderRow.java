package pos.gateway.sandbox.ledger;

import java.time.Instant;
import java.util.Objects;
import pos.gateway.sandbox.api.TradeState;

/**
 * One row of the {@code orders} table.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outTradeNo the till's transaction id, primary key
 * @param kind native or pay-code
 * @param description what is sold
 * @param total the order total in minor units
 * @param currency the ISO 4217 code
 * @param notifyUrl where notifications go; {@code null} = none
 * @param codeToken the token of the native order's {@code code_url}; {@code null} for pay-code
 * @param authCode the last pay-code tried; {@code null} for native
 * @param tradeState the state
 * @param errorCode why a pay-code charge failed ({@code NOTENOUGH}, {@code PAYERROR}); else {@code null}
 * @param createdAt when the order was created
 * @param expiresAt when a native order stops being payable; {@code null} for pay-code
 * @param autoConfirmAt when the simulated customer confirms a waiting pay-code; {@code null} = never
 * @param updatedAt when the row last changed
 */
public record OrderRow(
        String outTradeNo,
        OrderKind kind,
        String description,
        long total,
        String currency,
        String notifyUrl,
        String codeToken,
        String authCode,
        TradeState tradeState,
        String errorCode,
        Instant createdAt,
        Instant expiresAt,
        Instant autoConfirmAt,
        Instant updatedAt) {

    /**
     * Checks the required columns.
     *
     * @param outTradeNo primary key
     * @param kind native or pay-code
     * @param description what is sold
     * @param total minor units
     * @param currency ISO 4217
     * @param notifyUrl may be {@code null}
     * @param codeToken may be {@code null}
     * @param authCode may be {@code null}
     * @param tradeState the state
     * @param errorCode may be {@code null}
     * @param createdAt creation time
     * @param expiresAt may be {@code null}
     * @param autoConfirmAt may be {@code null}
     * @param updatedAt last change
     */
    public OrderRow {
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(tradeState, "tradeState");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * A copy in another state; the error code and the pending confirmation are cleared.
     *
     * @param state the new state
     * @param now the change time
     * @return the changed row
     */
    public OrderRow withState(TradeState state, Instant now) {
        return new OrderRow(outTradeNo, kind, description, total, currency, notifyUrl, codeToken, authCode,
                state, null, createdAt, expiresAt, null, now);
    }

    /**
     * A copy of a failed pay-code attempt.
     *
     * @param code the failure's error code
     * @param now the change time
     * @return the changed row
     */
    public OrderRow withFailure(String code, Instant now) {
        return new OrderRow(outTradeNo, kind, description, total, currency, notifyUrl, codeToken, authCode,
                TradeState.PAYERROR, code, createdAt, expiresAt, null, now);
    }

    /**
     * A copy for a new pay-code attempt.
     *
     * @param newAuthCode the pay-code of the attempt
     * @param now the change time
     * @return the changed row
     */
    public OrderRow withAuthCode(String newAuthCode, Instant now) {
        return new OrderRow(outTradeNo, kind, description, total, currency, notifyUrl, codeToken, newAuthCode,
                tradeState, errorCode, createdAt, expiresAt, autoConfirmAt, now);
    }

    /**
     * A copy waiting for the customer to confirm.
     *
     * @param confirmAt when the simulated customer confirms; {@code null} = never by itself
     * @param now the change time
     * @return the changed row
     */
    public OrderRow awaitingConfirmation(Instant confirmAt, Instant now) {
        return new OrderRow(outTradeNo, kind, description, total, currency, notifyUrl, codeToken, authCode,
                TradeState.USERPAYING, null, createdAt, expiresAt, confirmAt, now);
    }

    /**
     * Tells whether a native order's code can no longer be paid because it expired.
     *
     * @param now the current time
     * @return {@code true} if it has an expiry and {@code now} is past it
     */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && now.isAfter(expiresAt);
    }
}
