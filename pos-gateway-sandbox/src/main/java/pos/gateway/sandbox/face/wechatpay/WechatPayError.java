package pos.gateway.sandbox.face.wechatpay;

/**
 * An error answer in WeChat Pay API v3's shape: an HTTP status and {@code {"code": "...", "message": "..."}}. Thrown by
 * the face's routes and written, signed, by {@link WechatPayRoutes}. Immutable.
 */
final class WechatPayError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    WechatPayError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
