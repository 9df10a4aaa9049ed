package nl.samenloop.generate;

/**
 * Keyed permutation of [0, 10^9): gives every person (or address object) index a 9-digit pseudonym that is
 * unique without keeping a set of used numbers, looks random rather than sequential, and changes with the
 * seed. A 4-round Feistel network over 30 bits, cycle-walked back into range.
 */
final class Pseudonyms {
    private static final int HALF_BITS = 15;
    private static final int HALF_MASK = (1 << HALF_BITS) - 1;
    private static final long RANGE = 1_000_000_000L;
    private final long[] keys = new long[4];

    Pseudonyms(long seed, long salt) {
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Seeds.mix(seed ^ salt, 1000 + i);
        }
    }

    long permute(long index) {
        if (index < 0 || index >= RANGE) {
            throw new IllegalArgumentException("pseudonym index out of range");
        }
        long x = index;
        do {
            x = feistel(x);
        } while (x >= RANGE);
        return x;
    }

    /** Nine digits, leading zeros kept (a RINPERSOON is a 9-character string). */
    String nineDigits(long index) {
        String s = Long.toString(permute(index));
        return "000000000".substring(s.length()) + s;
    }

    private long feistel(long x) {
        int left = (int) (x >>> HALF_BITS) & HALF_MASK;
        int right = (int) x & HALF_MASK;
        for (long k : keys) {
            int f = (int) (Seeds.mix(k, right) & HALF_MASK);
            int nl = right;
            right = left ^ f;
            left = nl;
        }
        return ((long) left << HALF_BITS) | right;
    }
}
