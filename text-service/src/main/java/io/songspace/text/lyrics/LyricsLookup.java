package io.songspace.text.lyrics;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The lyrics of a track by title and artist: from the {@link LyricsCache} while its answer holds, else from
 * Genius, whose answer is then cached (found lyrics for good, NOT_FOUND for {@link GeniusSettings#negativeTtl()},
 * BLOCKED for {@link GeniusSettings#blockedTtl()}, FAILED not at all). Never throws; thread-safe. Close it to
 * release its HTTP client.
 */
public final class LyricsLookup implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LyricsLookup.class);

    private final GeniusSettings settings;
    private final LyricsCache cache;
    private final Clock clock;
    private final GeniusClient genius;
    /** Set by the first 401: the token will not be accepted later in this process, so nothing more is asked. */
    private volatile boolean tokenRejected;

    /** @param clock decides when cached answers expire (and reads HTTP-date {@code Retry-After} headers) */
    public LyricsLookup(GeniusSettings settings, LyricsCache cache, Clock clock) {
        this.settings = settings;
        this.cache = cache;
        this.clock = clock;
        this.genius = new GeniusClient(settings, clock);
        LOG.debugf("lyrics lookup with %s", settings);
    }

    /**
     * The answer for a track. A title or an artist that normalises to nothing is NOT_FOUND without a request
     * (and not cached): only both together identify a song.
     */
    public LyricsAnswer find(String title, String artist) {
        try {
            String normalizedTitle = TrackNames.normalize(title);
            String normalizedArtist = TrackNames.normalize(artist);
            if (normalizedTitle.isEmpty() || normalizedArtist.isEmpty()) {
                return LyricsAnswer.notFound("a lyrics lookup needs both a title and an artist");
            }
            String key = LyricsCacheKey.of(normalizedTitle, normalizedArtist);
            Optional<CachedLyrics> cached = read(key).filter(c -> !c.expiredAt(clock.instant()));
            if (cached.isPresent()) {
                return cached.get().answer();
            }
            if (tokenRejected) {
                return LyricsAnswer.failed(GeniusClient.TOKEN_REJECTED + "; no lookups until the token is changed");
            }
            LyricsAnswer answer = genius.find(title, artist);
            if (answer.status() == LyricsAnswer.Status.FAILED && GeniusClient.TOKEN_REJECTED.equals(answer.reason())) {
                tokenRejected = true;
                LOG.warnf("%s: lyrics lookups stop until the service restarts with another token", answer.reason());
            }
            if (answer.status() != LyricsAnswer.Status.FOUND) {
                LOG.debugf("no lyrics for '%s' by '%s': %s %s", title, artist, answer.status(), answer.reason());
            }
            write(key, answer, title, artist);
            return answer;
        } catch (RuntimeException e) {
            // a bug or a surprise from a library must cost this track its lyrics, not the caller its run
            LOG.warnf(e, "lyrics lookup for '%s' by '%s' failed", title, artist);
            return LyricsAnswer.failed("lyrics lookup failed: " + e);
        }
    }

    private Optional<CachedLyrics> read(String key) {
        try {
            return cache.get(key);
        } catch (RuntimeException e) {
            LOG.warnf("lyrics cache unreadable for %s, asking Genius: %s", key, e);
            return Optional.empty();
        }
    }

    private void write(String key, LyricsAnswer answer, String title, String artist) {
        if (answer.status() == LyricsAnswer.Status.FAILED) {
            // unavailable now says nothing about later: the next run asks again
            return;
        }
        Instant now = clock.instant();
        Instant expiresAt = switch (answer.status()) {
            case NOT_FOUND -> now.plus(settings.negativeTtl());
            case BLOCKED -> now.plus(settings.blockedTtl());
            default -> null;
        };
        try {
            cache.put(key, new CachedLyrics(answer.status(), answer.lyrics(), answer.reason(), title, artist, now,
                    expiresAt));
        } catch (RuntimeException e) {
            LOG.warnf("lyrics answer for %s not cached: %s", key, e);
        }
    }

    @Override
    public void close() {
        genius.close();
    }
}
