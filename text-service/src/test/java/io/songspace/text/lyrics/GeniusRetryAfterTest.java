package io.songspace.text.lyrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the {@code Retry-After} of Genius's 429s in both of its forms. */
class GeniusRetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void deltaSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(1)), RetryAfter.parse("1", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("0", NOW));
        assertTrue(RetryAfter.parse("99999999999999999999999", NOW).orElseThrow().toDays() > 365,
                "more than a long holds is a very long wait, for the cap to cut");
    }

    @Test
    void httpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Sun, 29 Nov 2026 12:01:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sun, 29 Nov 2026 11:00:00 GMT", NOW),
                "a date in the past is no wait");
    }

    @Test
    void missingOrUnreadableIsNoAdvice() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("Sunday, 29-Nov-26 12:01:30 GMT", NOW), "RFC 850 form");
    }
}
