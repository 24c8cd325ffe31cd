package pos.gateway.sandbox.face.alipay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inside of one answer of Alipay's gateway (the {@code <method>_response} object): the public {@code code} and
 * {@code msg}, for a failure the business {@code sub_code} and {@code sub_msg}, then the method's own fields. The
 * codes are Alipay's documented ones: 10000 success, 10003 the buyer is still paying, 20000 service unavailable
 * (outcome unknown), 40001 a required argument is missing, 40002 an argument is invalid (signature, app id, method),
 * 40004 the business refused ({@code ACQ.*}). Immutable once built; not thread-safe while being built.
 */
final class AlipayAnswer {

    static final String SUCCESS = "10000";
    static final String PROCESSING = "10003";
    static final String UNAVAILABLE = "20000";
    static final String MISSING_ARGUMENTS = "40001";
    static final String INVALID_ARGUMENTS = "40002";
    static final String BUSINESS_FAILED = "40004";

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private AlipayAnswer(String code, String msg) {
        fields.put("code", code);
        fields.put("msg", msg);
    }

    static AlipayAnswer success() {
        return new AlipayAnswer(SUCCESS, "Success");
    }

    /** 10003: the order is made, the buyer confirms on the phone; query until it is final. */
    static AlipayAnswer processing() {
        return new AlipayAnswer(PROCESSING, "order success pay inprocess");
    }

    static AlipayAnswer failure(String code, String subCode, String subMsg) {
        String msg = switch (code) {
            case UNAVAILABLE -> "Service Currently Unavailable";
            case MISSING_ARGUMENTS -> "Missing Required Arguments";
            case INVALID_ARGUMENTS -> "Invalid Arguments";
            default -> "Business Failed";
        };
        AlipayAnswer answer = new AlipayAnswer(code, msg);
        answer.fields.put("sub_code", subCode);
        answer.fields.put("sub_msg", subMsg);
        return answer;
    }

    /** Adds a field unless {@code value} is null. */
    AlipayAnswer with(String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    String code() {
        return (String) fields.get("code");
    }

    Map<String, Object> fields() {
        return fields;
    }

    /** A refusal that ends a method early with its answer. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient AlipayAnswer answer;

        Refused(String code, String subCode, String subMsg) {
            super(subCode + ": " + subMsg, null, false, false);
            this.answer = failure(code, subCode, subMsg);
        }

        AlipayAnswer answer() {
            return answer;
        }
    }
}
