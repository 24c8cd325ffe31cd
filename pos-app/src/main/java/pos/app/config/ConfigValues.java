package pos.app.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The till's settings as text, each with the layer it came from ({@link SettingLayer}); later layers replace
 * earlier ones. The typed readers convert a value once and, for a bad one, throw a {@link ConfigException} whose
 * sentence names the setting, the value and where it came from. Not thread-safe: used while loading only.
 */
final class ConfigValues {

    /** A setting's text and where it came from ({@code source}: the file, the variable, the option). */
    record Value(String text, SettingLayer layer, String source) {
    }

    private final Map<String, Value> values = new LinkedHashMap<>();

    /** Sets {@code key} from {@code layer}, replacing a value of an earlier layer. */
    void put(String key, String text, SettingLayer layer, String source) {
        Value old = values.get(key);
        if (old != null && old.layer().compareTo(layer) > 0) {
            throw new IllegalStateException("layers are applied in order: " + key + " from " + layer + " after " + old.layer());
        }
        values.put(key, new Value(text.strip(), layer, source));
    }

    /** Whether anything but the defaults set one of these settings (other than {@code except}). */
    boolean anySetBesides(java.util.Set<String> except) {
        return values.entrySet().stream()
                .anyMatch(e -> e.getValue().layer() != SettingLayer.DEFAULT && !except.contains(e.getKey()));
    }

    Optional<Value> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The text of {@code key}, or empty when no layer gave it or it is blank. */
    Optional<String> text(String key) {
        return value(key).map(Value::text).filter(t -> !t.isEmpty());
    }

    /** The text of {@code key}, which has a default. */
    String required(String key) {
        return value(key).map(Value::text).orElseThrow(() -> new IllegalStateException("no default for " + key));
    }

    Optional<Path> path(String key) {
        return text(key).map(Path::of);
    }

    /** Where {@code key}'s value came from, for messages: "from the environment variable POS_SIGNIN". */
    String where(String key) {
        return value(key).map(ConfigValues::where).orElse("(not set)");
    }

    private static String where(Value value) {
        return switch (value.layer()) {
            case DEFAULT -> "by default";
            case FILE -> "from the config file " + value.source();
            case ENVIRONMENT -> "from the environment variable " + value.source();
            case COMMAND_LINE -> "from the command line" + (value.source().isEmpty() ? "" : " (" + value.source() + ")");
        };
    }

    /**
     * A bad value, said once in the same shape: "pos.signin is 'sometimes' (from the environment variable POS_SIGNIN):
     * it must be auto, required or off".
     */
    ConfigException bad(String key, String mustBe, Throwable cause) {
        String shown = value(key).map(Value::text).map(t -> t.length() > 80 ? t.substring(0, 80) + "…" : t).orElse("");
        return new ConfigException(key + " is '" + shown + "' (" + where(key) + "): it " + mustBe, cause);
    }

    /** A whole number from {@code min} to {@code max}. */
    int integer(String key, int min, int max) {
        String raw = required(key);
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw bad(key, "must be a whole number from " + min + " to " + max, e);
        }
        if (value < min || value > max) {
            throw bad(key, "must be from " + min + " to " + max, null);
        }
        return value;
    }

    boolean bool(String key) {
        return switch (required(key).toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw bad(key, "must be true or false", null);
        };
    }

    /** One of {@code type}'s constants, written in lower case with '-' for '_' ({@code VIRTUAL_IMAGE}: virtual-image). */
    <E extends Enum<E>> E choice(String key, Class<E> type) {
        String raw = required(key).toLowerCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (settingText(constant).equals(raw)) {
                return constant;
            }
        }
        throw bad(key, "must be " + choices(type), null);
    }

    /** "auto, required or off". */
    static <E extends Enum<E>> String choices(Class<E> type) {
        String[] all = Arrays.stream(type.getEnumConstants()).map(ConfigValues::settingText).toArray(String[]::new);
        return all.length == 1 ? all[0] : Arrays.stream(all, 0, all.length - 1).collect(Collectors.joining(", "))
                + " or " + all[all.length - 1];
    }

    /** How a constant is written in a setting: {@code VIRTUAL_IMAGE} as virtual-image. */
    static String settingText(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
