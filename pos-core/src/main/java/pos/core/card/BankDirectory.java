package pos.core.card;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a card's bank from its BIN: the longest known prefix of the card number wins
 * (an 8-digit BIN beats the 6-digit range it sits in). Lookups cost at most eight hash probes.
 * Immutable.
 */
public final class BankDirectory {

    private static final int LONGEST_PREFIX = 8;

    private final Map<String, Bank> byPrefix;
    private final Map<String, Bank> byCode;
    private final List<Bank> banks;

    public BankDirectory(List<Bank> banks) {
        this.banks = List.copyOf(banks);
        Map<String, Bank> prefixes = new HashMap<>();
        Map<String, Bank> codes = new HashMap<>();
        for (Bank bank : this.banks) {
            if (codes.putIfAbsent(bank.code(), bank) != null) {
                throw new IllegalArgumentException("bank code listed twice: " + bank.code());
            }
            for (String bin : bank.bins()) {
                if (bin.isEmpty() || bin.length() > LONGEST_PREFIX || !bin.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException("bank " + bank.code() + ": a BIN is 1 to 8 digits, got \"" + bin + "\"");
                }
                Bank earlier = prefixes.putIfAbsent(bin, bank);
                if (earlier != null && earlier != bank) {
                    throw new IllegalArgumentException("BIN " + bin + " is listed for both " + earlier.code() + " and " + bank.code());
                }
            }
        }
        this.byPrefix = Map.copyOf(prefixes);
        this.byCode = Map.copyOf(codes);
    }

    public static BankDirectory empty() {
        return new BankDirectory(List.of());
    }

    /** The bank that issued the card, from the digits typed so far (works while typing). */
    public Optional<Bank> issuerOf(CardNumber card) {
        for (int n = Math.min(LONGEST_PREFIX, card.length()); n >= 1; n--) {
            Bank bank = byPrefix.get(card.prefix(n));
            if (bank != null) {
                return Optional.of(bank);
            }
        }
        return Optional.empty();
    }

    public Optional<Bank> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public List<Bank> banks() {
        return banks;
    }
}
