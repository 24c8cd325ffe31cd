package pos.gateway.sandbox.face.alipay;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} in UTF-8, the way Alipay's gateway reads requests and writes
 * notifications. Thread-safe (stateless).
 */
public final class AlipayForms {

    private AlipayForms() {
    }

    /**
     * The parameters of a form or query text, first value of each name kept.
     *
     * @throws IllegalArgumentException for a malformed escape
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /** The form text of {@code params}, in their order. */
    public static String encode(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        params.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (!text.isEmpty()) {
                text.append('&');
            }
            text.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return text.toString();
    }
}
