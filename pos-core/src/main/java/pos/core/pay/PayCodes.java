package pos.core.pay;

/**
 * Recognises a customer's wallet payment code when it is scanned, so the till can start a
 * pay-code payment without the clerk choosing the tender first. WeChat Pay codes are 18 digits
 * starting 10–15; Alipay codes are 16–24 digits starting 25–30. No product barcode has 16 or more
 * digits, so the two never meet. Stateless and thread-safe.
 */
public final class PayCodes {

    private PayCodes() {
    }

    public static boolean isPlausible(String code) {
        if (code == null || code.length() < 16 || code.length() > 24) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return false;
            }
        }
        int prefix = Integer.parseInt(code.substring(0, 2));
        boolean wechat = code.length() == 18 && prefix >= 10 && prefix <= 15;
        boolean alipay = prefix >= 25 && prefix <= 30;
        return wechat || alipay;
    }
}
