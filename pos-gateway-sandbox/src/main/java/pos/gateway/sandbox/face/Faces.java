package pos.gateway.sandbox.face;

import java.util.List;
import java.util.Locale;
import pos.gateway.sandbox.api.NotificationSignature;

/** The protocols the sandbox gateway speaks, by their {@code --protocol} word. */
public final class Faces {

    /** Every protocol, in the order the help lists them. */
    public static final List<String> PROTOCOLS = List.of(SandboxFace.PROTOCOL,
            pos.gateway.sandbox.face.wechatpay.WechatPayFace.PROTOCOL, pos.gateway.sandbox.face.alipay.AlipayFace.PROTOCOL);

    private Faces() {
    }

    /**
     * The face for {@code protocol}.
     *
     * @param sandboxSignature the signature of the sandbox protocol's notifications
     * @throws IllegalArgumentException for an unknown protocol, naming the known ones
     */
    public static Face named(String protocol, NotificationSignature sandboxSignature) {
        String p = protocol == null ? "" : protocol.strip().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "", SandboxFace.PROTOCOL -> new SandboxFace(sandboxSignature);
            case pos.gateway.sandbox.face.wechatpay.WechatPayFace.PROTOCOL ->
                    new pos.gateway.sandbox.face.wechatpay.WechatPayFace();
            case pos.gateway.sandbox.face.alipay.AlipayFace.PROTOCOL -> new pos.gateway.sandbox.face.alipay.AlipayFace();
            default -> throw new IllegalArgumentException("unknown protocol '" + protocol + "': use one of "
                    + String.join(", ", PROTOCOLS));
        };
    }
}
