package nl.samenloop.generate;

import java.util.SplittableRandom;

/**
 * Derived random streams. Every person, address object and global choice gets its own stream from
 * (seed, purpose, index), so output does not depend on thread count or processing order.
 */
final class Seeds {
    private Seeds() {
    }

    static final long PERSON = 0x5045_5253L;
    static final long FAULT = 0x4641_554CL;
    static final long OBJECT = 0x4F42_4A45L;
    static final long GLOBAL = 0x474C_4F42L;
    static final long PERSON_ID = 0x5249_4E50L;
    static final long OBJECT_ID = 0x5249_4E4FL;

    /** SplitMix64 finaliser of (a, b): a well-mixed 64-bit value. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static SplittableRandom stream(long seed, long purpose, long index) {
        return new SplittableRandom(mix(mix(seed, purpose), index));
    }

    /** A uniform double in [0,1) fixed by (seed, purpose, index), for one-off choices. */
    static double uniform(long seed, long purpose, long index) {
        return (mix(mix(seed, purpose), index) >>> 11) * 0x1.0p-53;
    }
}
