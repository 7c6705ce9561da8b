package io.songspace.feature.dataset;

/**
 * Derives well-mixed, reproducible seeds from a run seed and a few integers (stream, genre, track). Consecutive run
 * seeds must give unrelated draws: {@code java.util.Random}'s first outputs for nearby seeds are correlated, so its
 * seed is always passed through this mix first.
 */
public final class Seeds {

    private Seeds() {
    }

    /** SplitMix64's finaliser folded over the parts. */
    public static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h += p * 0xBF58476D1CE4E5B9L + 0x9E3779B97F4A7C15L;
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h ^= h >>> 31;
        }
        return h;
    }
}
