package pos.app.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds user-facing text written into FXML or Java instead of the bundle (issue 14 point 3), for
 * {@link HardCodedTextTest}. A text is hard-coded when it has a letter (Latin, Chinese, any) and is not a bundle
 * reference: FXML {@code text=}, {@code promptText=}, {@code title=}, … not starting with {@code %} or
 * <code>${</code>; in Java, a string literal given straight to a call that puts text on screen ({@code setText},
 * {@code new Label(…)}, an {@code Alert}'s texts, a text property's {@code set}, the message lines' {@code show} and
 * {@code error}, …). Literals that are bundle keys are references, not text.
 */
final class HardCodedText {

    /** FXML attributes that hold text a person reads. */
    private static final Pattern FXML_ATTRIBUTE = Pattern.compile(
            "\\b(text|promptText|title|headerText|contentText|accessibleText|accessibleHelp|fx:value)\\s*=\\s*\"([^\"]*)\"");
    /** FXML element bodies ({@code <text>Sale</text>}, {@code <Label>Sale</Label>}). */
    private static final Pattern FXML_BODY = Pattern.compile(">([^<>]*\\p{L}[^<>]*)</(\\w+)>");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    /** Calls whose text argument ends up on screen. */
    static final Set<String> JAVA_SINKS = Set.of("setText", "setPromptText", "setTitle", "setHeaderText",
            "setContentText", "setAccessibleText", "setAccessibleHelp", "setPlaceholder", "Label", "Button", "Text",
            "Tooltip", "Alert", "CheckBox", "RadioButton", "ToggleButton", "Hyperlink", "MenuItem", "Menu", "Tab",
            "TitledPane", "TextField", "SimpleStringProperty", "ReadOnlyStringWrapper", "showMessage", "showError");
    /** {@code x.set("…")} / {@code setValue} on a property whose name says it holds a text. */
    private static final Pattern TEXT_PROPERTY = Pattern.compile(
            "(?i).*(text|message|title|headline|hint|status|line|label|prompt|caption|detail|reason|sentence|banner|advice|error)$");
    /** {@code show(…, "…")} and {@code error("…")} on a message line. */
    private static final Pattern MESSAGE_LINE = Pattern.compile("(?i).*(message|line)$");

    record Finding(String file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": \"" + text + "\"";
        }
    }

    private HardCodedText() {
    }

    static List<Finding> inFxml(String file, String source) {
        List<Finding> found = new ArrayList<>();
        String noComments = blankXmlComments(source);
        Matcher m = FXML_ATTRIBUTE.matcher(noComments);
        while (m.find()) {
            String value = m.group(2);
            if (!value.startsWith("%") && !value.startsWith("${") && LETTER.matcher(value).find()) {
                found.add(new Finding(file, lineOf(noComments, m.start()), value));
            }
        }
        Matcher body = FXML_BODY.matcher(noComments);
        while (body.find()) {
            String value = body.group(1).strip();
            if (!value.startsWith("%") && !value.startsWith("${") && !body.group(2).equals("fx:script")) {
                found.add(new Finding(file, lineOf(noComments, body.start()), value));
            }
        }
        return found;
    }

    static List<Finding> inJava(String file, String source, Set<String> bundleKeys) {
        List<Finding> found = new ArrayList<>();
        String code = blankJavaComments(source);
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\'') { // a char literal: '"' must not open a string
                int end = i + 1;
                while (end < code.length() && code.charAt(end) != '\'') {
                    end += code.charAt(end) == '\\' ? 2 : 1;
                }
                i = end + 1;
                continue;
            }
            if (c != '"') {
                i++;
                continue;
            }
            boolean block = code.startsWith("\"\"\"", i);
            int start = i + (block ? 3 : 1);
            int end = start;
            while (end < code.length() && !(block ? code.startsWith("\"\"\"", end) : code.charAt(end) == '"')) {
                end += code.charAt(end) == '\\' ? 2 : 1;
            }
            String literal = code.substring(start, Math.min(end, code.length()));
            i = end + (block ? 3 : 1);
            if (!LETTER.matcher(unescape(literal)).find() || isKey(literal, bundleKeys)) {
                continue;
            }
            if (isShown(code, start - (block ? 3 : 1)) && !isPropertyName(code, start - 1, i, literal)) {
                found.add(new Finding(file, lineOf(code, start), literal));
            }
        }
        return found;
    }

    /** {@code "message"} in {@code new SimpleStringProperty(this, "message", "")}: the property's name, not its text. */
    private static boolean isPropertyName(String code, int from, int after, String literal) {
        if (!literal.matches("[a-z][A-Za-z0-9]*")) {
            return false;
        }
        int p = after;
        while (p < code.length() && Character.isWhitespace(code.charAt(p))) {
            p++;
        }
        boolean notLast = p < code.length() && code.charAt(p) == ',';
        String before = code.substring(Math.max(0, from - 80), from);
        if (before.matches("(?s).*(Property|Wrapper)\\s*\\(\\s*this\\s*,\\s*$")) {
            return true; // (bean, name) or (bean, name, initial value)
        }
        return notLast && before.matches("(?s).*(SimpleStringProperty|ReadOnlyStringWrapper|SimpleObjectProperty|Property)\\s*\\([^()]*$");
    }

    /** A bundle key, or the start of a family of keys ({@code "pay.reason." + code}). */
    private static boolean isKey(String literal, Set<String> keys) {
        if (keys.contains(literal)) {
            return true;
        }
        if (literal.matches("[a-zA-Z0-9_]+(\\.[a-zA-Z0-9_]+)*\\.")) {
            return keys.stream().anyMatch(k -> k.startsWith(literal));
        }
        return false;
    }

    /** Whether the innermost call around {@code at} puts its arguments on screen. */
    private static boolean isShown(String code, int at) {
        int depth = 0;
        for (int p = at - 1; p >= 0; p--) {
            char c = code.charAt(p);
            if (c == ')' || c == ']' || c == '}') {
                depth++;
            } else if (c == '[' || c == '{') {
                if (depth == 0) {
                    return false; // an array or a block: not an argument
                }
                depth--;
            } else if (c == ';' && depth == 0) {
                return false;
            } else if (c == '(') {
                if (depth > 0) {
                    depth--;
                    continue;
                }
                int nameEnd = p;
                while (nameEnd > 0 && Character.isWhitespace(code.charAt(nameEnd - 1))) {
                    nameEnd--;
                }
                int nameStart = nameEnd;
                while (nameStart > 0 && Character.isJavaIdentifierPart(code.charAt(nameStart - 1))) {
                    nameStart--;
                }
                String name = code.substring(nameStart, nameEnd);
                if (name.isEmpty()) {
                    continue; // a parenthesised expression: look further out
                }
                if (JAVA_SINKS.contains(name)) {
                    return true;
                }
                String receiver = receiverBefore(code, nameStart);
                if ((name.equals("set") || name.equals("setValue")) && TEXT_PROPERTY.matcher(receiver).matches()) {
                    return true;
                }
                return (name.equals("show") || name.equals("error")) && MESSAGE_LINE.matcher(receiver).matches();
            }
        }
        return false;
    }

    /** {@code headline} in {@code headline.set(}, {@code message} in {@code this.message.set(}. */
    private static String receiverBefore(String code, int nameStart) {
        int p = nameStart;
        while (p > 0 && Character.isWhitespace(code.charAt(p - 1))) {
            p--;
        }
        if (p == 0 || code.charAt(p - 1) != '.') {
            return "";
        }
        p--;
        while (p > 0 && Character.isWhitespace(code.charAt(p - 1))) {
            p--;
        }
        int end = p;
        while (p > 0 && Character.isJavaIdentifierPart(code.charAt(p - 1))) {
            p--;
        }
        return code.substring(p, end);
    }

    private static String unescape(String literal) {
        return literal.replaceAll("\\\\u[0-9a-fA-F]{4}", "x").replaceAll("\\\\[ntrbf0\"'\\\\]", " ");
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int p = 0; p < offset; p++) {
            if (text.charAt(p) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Comments replaced by spaces (lines kept), strings and chars left alone. */
    static String blankJavaComments(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                boolean block = source.startsWith("\"\"\"", i);
                int end = i + (block ? 3 : 1);
                while (end < source.length() && !(block ? source.startsWith("\"\"\"", end) : source.charAt(end) == c)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                i = end + (block ? 3 : 1);
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                end = end < 0 ? source.length() : end;
                blank(out, i, end);
                i = end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                blank(out, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static String blankXmlComments(String source) {
        StringBuilder out = new StringBuilder(source);
        Matcher m = Pattern.compile("<!--.*?-->|<\\?.*?\\?>", Pattern.DOTALL).matcher(source);
        while (m.find()) {
            blank(out, m.start(), m.end());
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int p = from; p < to; p++) {
            if (out.charAt(p) != '\n') {
                out.setCharAt(p, ' ');
            }
        }
    }
}
