package pos.core.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import pos.core.text.NumericText;

/**
 * The products the till sells, looked up by barcode (EAN-13, EAN-8, UPC-A), by variable-measure
 * code (prefix 2), or by internal code, and searched by name. Immutable after construction and so
 * thread-safe.
 */
public final class Catalog {

    /** Longer input is refused before any parsing: nothing the till sells has a longer code. */
    public static final int MAX_CODE_LENGTH = 48;

    private final Map<String, Product> byGtin = new HashMap<>();
    private final Map<String, Product> byCode = new HashMap<>();
    private final Map<String, Product> byPlu = new HashMap<>();
    private final List<Product> all;
    private final VariableMeasureLayout layout;

    public Catalog(Collection<Product> products, VariableMeasureLayout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.all = List.copyOf(products);
        for (Product p : all) {
            putUnique(byCode, p.code(), p, "code");
            if (p.gtin() != null) {
                putUnique(byGtin, Gtin.normalise(p.gtin()), p, "GTIN");
            }
            if (p.plu() != null) {
                putUnique(byPlu, p.plu(), p, "PLU");
            }
        }
    }

    private static void putUnique(Map<String, Product> map, String key, Product p, String what) {
        Product earlier = map.putIfAbsent(key, p);
        if (earlier != null) {
            throw new IllegalArgumentException("duplicate " + what + " " + key + " for " + earlier.code() + " and " + p.code());
        }
    }

    public int size() {
        return all.size();
    }

    public List<Product> products() {
        return all;
    }

    /**
     * Looks up whatever a scanner or a clerk produced, exactly (never by name: see
     * {@link pos.core.device.ScanText}). Full-width characters are read as the ASCII ones. Never
     * throws for bad input.
     */
    public Lookup lookup(String rawCode) {
        if (rawCode == null || rawCode.isBlank()) {
            return new Lookup.Invalid("", Lookup.InvalidCodeReason.EMPTY);
        }
        String stripped = rawCode.strip();
        if (stripped.length() > 2 * MAX_CODE_LENGTH) { // refused before any folding: hostile input stays cheap
            return new Lookup.Invalid(stripped.substring(0, MAX_CODE_LENGTH) + "…", Lookup.InvalidCodeReason.TOO_LONG);
        }
        // a code typed in an input method's full-width mode (４００６…, ＡＢＣ) is the code it looks like
        String code = NumericText.fold(stripped).strip();
        if (code.length() > MAX_CODE_LENGTH) {
            return new Lookup.Invalid(code.substring(0, MAX_CODE_LENGTH) + "…", Lookup.InvalidCodeReason.TOO_LONG);
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            boolean plain = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_';
            if (!plain) {
                return new Lookup.Invalid(code, Lookup.InvalidCodeReason.BAD_CHARACTERS);
            }
        }
        Product internal = byCode.get(code);
        if (internal != null) {
            return new Lookup.Piece(internal);
        }
        boolean allDigits = code.chars().allMatch(c -> c >= '0' && c <= '9');
        if (allDigits && (code.length() == 8 || code.length() == 12 || code.length() == 13)) {
            if (!Gtin.isValid(code)) {
                return new Lookup.Invalid(code, Lookup.InvalidCodeReason.BAD_CHECK_DIGIT);
            }
            String gtin = Gtin.normalise(code);
            VariableMeasureLayout.Reading reading = layout.read(gtin);
            if (reading != null) {
                return lookupVariable(code, reading);
            }
            Product p = byGtin.get(gtin);
            return p == null ? new Lookup.NotFound(code) : new Lookup.Piece(p);
        }
        return new Lookup.NotFound(code);
    }

    private Lookup lookupVariable(String code, VariableMeasureLayout.Reading reading) {
        Product p = byPlu.get(reading.plu());
        if (p == null) {
            return new Lookup.NotFound(code);
        }
        if (reading.kind() == VariableMeasureLayout.Kind.WEIGHT_GRAMS) {
            if (reading.value() == 0) {
                return new Lookup.Invalid(code, Lookup.InvalidCodeReason.ZERO_WEIGHT);
            }
            return new Lookup.Weighed(p, reading.value());
        }
        return new Lookup.Priced(p, pos.core.money.Money.ofMinor(reading.value(), p.unitPrice().currency()));
    }

    /** Products whose name contains every word of {@code query}, or whose code starts with it. */
    public List<Product> search(String query, int limit) {
        List<Product> hits = new ArrayList<>();
        if (query == null || query.isBlank()) {
            return hits;
        }
        String[] words = query.strip().toLowerCase(Locale.ROOT).split("\\s+");
        for (Product p : all) {
            String name = p.name().toLowerCase(Locale.ROOT);
            boolean nameMatch = true;
            for (String w : words) {
                nameMatch &= name.contains(w);
            }
            boolean codeMatch = p.code().startsWith(query.strip()) || (p.gtin() != null && p.gtin().startsWith(query.strip()));
            if (nameMatch || codeMatch) {
                hits.add(p);
                if (hits.size() >= limit) {
                    break;
                }
            }
        }
        return hits;
    }
}
