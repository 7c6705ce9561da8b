package io.songspace.text.lyrics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** The wait a {@code Retry-After} header asks for (RFC 9110, section 10.2.3). */
final class RetryAfter {

    private static final Pattern DELTA_SECONDS = Pattern.compile("[0-9]+");
    private static final Duration VERY_LONG = Duration.ofSeconds(999_999_999_999L);

    private RetryAfter() {
    }

    /**
     * The wait from {@code now}: delta-seconds ("120") or an IMF-fixdate ("Wed, 21 Oct 2026 07:28:00 GMT"; the
     * obsolete RFC 850 and asctime forms are not read); a date in the past is no wait. Empty when the header is
     * missing or unreadable, so the caller falls back to its own backoff.
     */
    static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (DELTA_SECONDS.matcher(v).matches()) {
            // more digits than fit is still "a very long time": the caller's cap applies
            return Optional.of(v.length() > 12 ? VERY_LONG : Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
