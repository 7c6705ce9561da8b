package io.songspace.text.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the text stage ({@code songspace.text.*}); the run's spec chooses whether text runs and its method. */
@ConfigMapping(prefix = "songspace.text")
public interface TextConfig {

    /** Genius lyrics lookups ({@code songspace.text.genius.*}): off unless a token is configured. */
    Genius genius();

    /** Texts embedded per call; progress is reported after each. */
    @WithDefault("64")
    int batchSize();

    interface Genius {
        /**
         * The API token ({@code songspace.text.genius.token}, or the environment variable
         * {@code SONGSPACE_TEXT_GENIUS_TOKEN}); without one no track is looked up. Never logged.
         */
        Optional<String> token();

        /** The API's base URL; the song pages' URLs come from its answers. */
        @WithDefault("https://api.genius.com")
        String apiBase();

        /** Requests a second at most, searches and pages together. */
        @WithDefault("3")
        double requestsPerSecond();

        /** Tries per request (the first included) on 5xx, 429 and timeouts. */
        @WithDefault("4")
        int maxAttempts();

        /** Per request. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** The wait before the first retry; it doubles with each further one. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The longest a request waits for its turn under the rate limit. */
        @WithDefault("30s")
        Duration permitTimeout();

        /** The longest {@code Retry-After} honoured; a longer one is cut to it. */
        @WithDefault("60s")
        Duration maxRetryAfter();

        /** How long "no lyrics" answers are cached before asking again. */
        @WithDefault("30d")
        Duration negativeTtl();

        /** How long "blocked" (403, captcha) answers are cached before asking again. */
        @WithDefault("1d")
        Duration blockedTtl();

        /** Keep section headers such as {@code [Chorus]} in the lyrics. */
        @WithDefault("false")
        boolean keepSectionHeaders();
    }
}
