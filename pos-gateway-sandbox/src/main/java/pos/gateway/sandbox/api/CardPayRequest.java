package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /v1/orders/card}: charge a bank card, authorised by the customer's PIN.
 * The PIN itself never travels: {@code pin_block} is the {@link PinBlocks sandbox PIN block}.
 * {@link #toString()} masks the card and hides the block, so the request cannot leak into a log.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outTradeNo the till's transaction id, 6–32 characters of {@code [0-9A-Za-z_\-|*]}
 * @param cardNo the card number (PAN), 12–19 digits passing the Luhn check
 * @param pinBlock 64 lowercase hex digits, see {@link PinBlocks}
 * @param description what is sold, 1–127 characters
 * @param amount what the customer pays
 * @param notifyUrl optional http(s) address for the signed notification; {@code null} = none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CardPayRequest(
        @JsonProperty("out_trade_no") String outTradeNo,
        @JsonProperty("card_no") String cardNo,
        @JsonProperty("pin_block") String pinBlock,
        @JsonProperty("description") String description,
        @JsonProperty("amount") Amount amount,
        @JsonProperty("notify_url") String notifyUrl) {

    @Override
    public String toString() {
        return "CardPayRequest[out_trade_no=" + outTradeNo + ", card_no=" + PinBlocks.mask(cardNo)
                + ", pin_block=hidden, amount=" + amount + "]";
    }
}
