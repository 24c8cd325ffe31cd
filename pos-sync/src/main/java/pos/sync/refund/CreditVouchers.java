package pos.sync.refund;

import pos.contract.hub.CreditVoucherAnswer;

/**
 * Where a till gets the credit voucher of a refund (issue 12.3): the store hub
 * ({@code HubClient::creditVoucher}), which issues one per refund number and returns the same one on a retry.
 */
@FunctionalInterface
public interface CreditVouchers {

    /**
     * The credit voucher of refund {@code refundNo} worth {@code amountMinor} of {@code currency}.
     *
     * @throws pos.sync.pay.UnableToReachHubException if the store cannot be asked or does not issue it
     */
    CreditVoucherAnswer creditVoucher(String refundNo, long amountMinor, String currency);
}
