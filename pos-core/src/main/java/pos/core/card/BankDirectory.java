package pos.core.card;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a card's bank from its BIN: the longest known prefix of the card number wins
 * (an 8-digit BIN beats the 6-digit range it sits in). Lookups walk at most eight digits of a
 * prefix tree and copy nothing, so the rule base can ask on every payment. Immutable and thread-safe.
 */
public final class BankDirectory {

    private static final int LONGEST_PREFIX = 8;

    /** The BINs as a tree of digits: a node's bank is the one whose BIN ends there. */
    private final Node root;
    private final Map<String, Bank> byCode;
    private final List<Bank> banks;

    public BankDirectory(List<Bank> banks) {
        this.banks = List.copyOf(banks);
        Map<String, Bank> prefixes = new HashMap<>();
        Node tree = new Node();
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
                tree.add(bin, bank);
            }
        }
        this.root = tree;
        this.byCode = Map.copyOf(codes);
    }

    public static BankDirectory empty() {
        return new BankDirectory(List.of());
    }

    /** The bank that issued the card, from the digits typed so far (works while typing). */
    public Optional<Bank> issuerOf(CardNumber card) {
        return Optional.ofNullable(issuerOrNull(card));
    }

    /** {@link #issuerOf} without the Optional, for the rule base's check of every payment: null when unknown. */
    public Bank issuerOrNull(CardNumber card) {
        Bank found = null;
        Node node = root;
        for (int i = 0, n = Math.min(LONGEST_PREFIX, card.length()); i < n; i++) {
            node = node.next[card.digitAt(i)];
            if (node == null) {
                break;
            }
            if (node.bank != null) {
                // a longer BIN further down overrides this one
                found = node.bank;
            }
        }
        return found;
    }

    /** One digit position of the BIN tree. Filled only while the directory is built. */
    private static final class Node {
        private final Node[] next = new Node[10];
        private Bank bank;

        void add(String bin, Bank owner) {
            Node node = this;
            for (int i = 0; i < bin.length(); i++) {
                int digit = bin.charAt(i) - '0';
                if (node.next[digit] == null) {
                    node.next[digit] = new Node();
                }
                node = node.next[digit];
            }
            node.bank = owner;
        }
    }

    public Optional<Bank> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public List<Bank> banks() {
        return banks;
    }
}
