package io.songspace.text.lyrics;

import java.time.Instant;
import java.util.Objects;

/**
 * A lyrics answer as the cache keeps it, with the track it was asked for (for people reading the bucket) and
 * how long it holds. FAILED answers are never cached.
 *
 * @param status    FOUND, NOT_FOUND or BLOCKED
 * @param lyrics    the lyrics when FOUND, else null
 * @param reason    why there are no lyrics, else null
 * @param title     the track's title as it was asked
 * @param artist    the track's artist as it was asked
 * @param storedAt  when the answer was cached
 * @param expiresAt when it stops holding; null for never (found lyrics)
 */
public record CachedLyrics(LyricsAnswer.Status status, String lyrics, String reason, String title, String artist,
        Instant storedAt, Instant expiresAt) {

    public CachedLyrics {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(storedAt, "storedAt");
        if (status == LyricsAnswer.Status.FAILED) {
            throw new IllegalArgumentException("a FAILED answer is not cached");
        }
    }

    /** Whether the answer no longer holds at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The cached answer as a lookup returns it. */
    LyricsAnswer answer() {
        return new LyricsAnswer(status, lyrics, reason, true);
    }
}
