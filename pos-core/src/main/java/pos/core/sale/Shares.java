package pos.core.sale;

import java.math.BigInteger;

/**
 * Splits a whole number of minor units over weights so that the shares add up exactly to it: the
 * largest-remainder method. Each share is first {@code floor(amount × weight / Σweights)}; the
 * units left over go one each to the shares with the largest remainders (on a tie, the earlier
 * one). No amount is rounded twice: each share is the exact quotient rounded once.
 */
final class Shares {

    private Shares() {
    }

    /**
     * @param amount  what to split; 0 or more
     * @param weights 0 or more each; when they are all 0, {@code amount} must be 0
     * @return one share per weight, each at most its weight when {@code amount ≤ Σweights}
     */
    static long[] split(long amount, long[] weights) {
        if (amount < 0) {
            throw new IllegalArgumentException("cannot split a negative amount: " + amount);
        }
        long[] shares = new long[weights.length];
        BigInteger sum = BigInteger.ZERO;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("negative weight: " + w);
            }
            sum = sum.add(BigInteger.valueOf(w));
        }
        if (sum.signum() == 0) {
            if (amount != 0) {
                throw new IllegalArgumentException("cannot split " + amount + " over nothing");
            }
            return shares;
        }
        BigInteger total = BigInteger.valueOf(amount);
        long[] remainders = new long[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            BigInteger[] qr = total.multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(sum);
            shares[i] = qr[0].longValueExact();
            remainders[i] = qr[1].longValueExact(); // < sum ≤ n × Long.MAX: fits for sale-sized sums
            given += shares[i];
        }
        long left = amount - given; // fewer than weights.length
        while (left > 0) {
            int best = -1;
            for (int i = 0; i < weights.length; i++) {
                if (remainders[i] > 0 && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = 0;
            left--;
        }
        return shares;
    }
}
