package io.songspace.text.lyrics;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Genius lookup behaves. Plain and immutable so that any configuration source can build it; its
 * {@link #toString()} never shows the token.
 *
 * @param apiBase            the Genius API root, without a trailing slash (default {@value #DEFAULT_API_BASE})
 * @param token              the API client access token; without one every lookup is FAILED
 * @param requestsPerSecond  the most requests per second to Genius, API and song pages together (default 3)
 * @param maxAttempts        attempts per request, the first included, on 5xx, 429, timeouts and I/O errors
 *                           (default 4)
 * @param requestTimeout     how long one request may take, connecting included (default 10 s)
 * @param initialBackoff     the wait before the second attempt; it doubles for each further one (default 500 ms)
 * @param maxRetryAfter      the longest wait a 429's {@code Retry-After} can impose; longer ones are cut to it
 *                           (default 60 s)
 * @param permitTimeout      how long a request waits for the rate limiter before the lookup fails (default 30 s)
 * @param negativeTtl        how long a NOT_FOUND answer stays cached (default 30 days)
 * @param blockedTtl         how long a BLOCKED answer stays cached (default 1 day)
 * @param keepSectionHeaders whether lines such as {@code [Chorus]} stay in the lyrics (default false)
 */
public record GeniusSettings(String apiBase, Optional<String> token, double requestsPerSecond, int maxAttempts,
        Duration requestTimeout, Duration initialBackoff, Duration maxRetryAfter, Duration permitTimeout,
        Duration negativeTtl, Duration blockedTtl, boolean keepSectionHeaders) {

    public static final String DEFAULT_API_BASE = "https://api.genius.com";

    public GeniusSettings {
        Objects.requireNonNull(apiBase, "apiBase");
        URI base = URI.create(apiBase);
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("apiBase must be an http(s) URL: " + apiBase);
        }
        apiBase = apiBase.replaceAll("/+$", "");
        // a blank token from an unset environment variable means no token, not an empty Bearer header
        token = Objects.requireNonNull(token, "token").filter(t -> !t.isBlank()).map(String::strip);
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive: " + requestsPerSecond);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        requirePositive("requestTimeout", requestTimeout);
        requireNotNegative("initialBackoff", initialBackoff);
        requireNotNegative("maxRetryAfter", maxRetryAfter);
        requirePositive("permitTimeout", permitTimeout);
        requirePositive("negativeTtl", negativeTtl);
        requirePositive("blockedTtl", blockedTtl);
    }

    /** The defaults listed above, with the given token. */
    public static GeniusSettings defaults(Optional<String> token) {
        return new GeniusSettings(DEFAULT_API_BASE, token, 3, 4, Duration.ofSeconds(10), Duration.ofMillis(500),
                Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofDays(30), Duration.ofDays(1), false);
    }

    @Override
    public String toString() {
        return "GeniusSettings[apiBase=" + apiBase + ", token=" + (token.isPresent() ? "<redacted>" : "<none>")
                + ", requestsPerSecond=" + requestsPerSecond + ", maxAttempts=" + maxAttempts
                + ", requestTimeout=" + requestTimeout + ", initialBackoff=" + initialBackoff
                + ", maxRetryAfter=" + maxRetryAfter + ", permitTimeout=" + permitTimeout
                + ", negativeTtl=" + negativeTtl + ", blockedTtl=" + blockedTtl
                + ", keepSectionHeaders=" + keepSectionHeaders + "]";
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static void requireNotNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
