package io.songspace.text.lyrics;

import java.util.Optional;

/**
 * Where lyrics answers are kept between runs, by {@linkplain LyricsCacheKey cache key}. Expiry is the lookup's
 * business: a cache returns what it holds. Implementations are thread-safe; a failure is a RuntimeException,
 * which the lookup logs and treats as a miss (get) or ignores (put).
 */
public interface LyricsCache {

    /** The entry kept under {@code key}, expired or not; empty when there is none (or it is unreadable). */
    Optional<CachedLyrics> get(String key);

    /** Keeps {@code entry} under {@code key}, replacing any earlier one. */
    void put(String key, CachedLyrics entry);
}
