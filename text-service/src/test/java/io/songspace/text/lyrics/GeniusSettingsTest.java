package io.songspace.text.lyrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeniusSettingsTest {

    private static final String TOKEN = "s3cr3t-Token-value";

    @Test
    void defaults() {
        GeniusSettings s = GeniusSettings.defaults(Optional.of(TOKEN));

        assertEquals("https://api.genius.com", s.apiBase());
        assertEquals(Optional.of(TOKEN), s.token());
        assertEquals(3.0, s.requestsPerSecond());
        assertEquals(4, s.maxAttempts());
        assertEquals(Duration.ofDays(30), s.negativeTtl());
        assertEquals(Duration.ofDays(1), s.blockedTtl());
        assertFalse(s.keepSectionHeaders());
    }

    @Test
    void toStringNeverShowsTheToken() {
        String text = GeniusSettings.defaults(Optional.of(TOKEN)).toString();

        assertFalse(text.contains(TOKEN), text);
        assertTrue(text.contains("token=<redacted>") && text.contains("maxAttempts=4"), text);
        assertTrue(GeniusSettings.defaults(Optional.empty()).toString().contains("token=<none>"));
    }

    @Test
    void aBlankTokenIsNoToken() {
        assertEquals(Optional.empty(), GeniusSettings.defaults(Optional.of("  ")).token());
        assertEquals(Optional.of(TOKEN), GeniusSettings.defaults(Optional.of(" " + TOKEN + "\n")).token());
    }

    @Test
    void theApiBaseLosesItsTrailingSlashAndMustBeHttp() {
        assertEquals("http://127.0.0.1:8080", with("http://127.0.0.1:8080/", 3, 4).apiBase());
        assertThrows(IllegalArgumentException.class, () -> with("ftp://genius.example", 3, 4));
    }

    @Test
    void nonsenseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> with("https://api.genius.com", 0, 4));
        assertThrows(IllegalArgumentException.class, () -> with("https://api.genius.com", 3, 0));
    }

    private static GeniusSettings with(String apiBase, double requestsPerSecond, int maxAttempts) {
        GeniusSettings d = GeniusSettings.defaults(Optional.empty());
        return new GeniusSettings(apiBase, d.token(), requestsPerSecond, maxAttempts, d.requestTimeout(),
                d.initialBackoff(), d.maxRetryAfter(), d.permitTimeout(), d.negativeTtl(), d.blockedTtl(),
                d.keepSectionHeaders());
    }
}
