package io.songspace.text.lyrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.songspace.text.lyrics.LyricsAnswer.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lookup against a stand-in Genius (WireMock) serving realistic answers from {@code genius/}: a search whose
 * first hit is another artist's song of the same title, a song page, an instrumental's page, a Cloudflare
 * challenge. After every test, no log record, reason or cached entry holds the token.
 */
class LyricsLookupTest {

    private static final String TOKEN = "tOkEn-4f1e9c-must-never-show";
    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");
    private static final String SONG_PAGE = "/Ada-marlowe-and-the-tides-paper-lanterns-lyrics";
    private static final String DECOY_PAGE = "/The-night-ferries-paper-lanterns-lyrics";
    private static final String INSTRUMENTAL_PAGE = "/Ada-marlowe-and-the-tides-harbour-lights-lyrics";
    private static final String TITLE = "Paper Lanterns (feat. Jonah Reyes) - Remastered 2011";
    private static final String ARTIST = "Adá Marlowe & The Tides";

    private static WireMockServer genius;

    private final InMemoryLyricsCache cache = new InMemoryLyricsCache();
    private final MutableClock clock = new MutableClock(START);
    private CapturedLogs logs;

    @BeforeAll
    static void startGenius() {
        genius = new WireMockServer(options().dynamicPort());
        genius.start();
    }

    @AfterAll
    static void stopGenius() {
        genius.stop();
    }

    @BeforeEach
    void captureLogs() {
        genius.resetAll();
        logs = new CapturedLogs();
    }

    @AfterEach
    void tokenNeverShows() {
        logs.close();
        logs.records().forEach(r -> assertFalse(r.contains(TOKEN), "the token was logged: " + r));
        cache.entries().values().forEach(e -> assertFalse(e.toString().contains(TOKEN), "cached: " + e));
    }

    @Test
    void findsTheLyricsOfTheHitWhoseTitleAndArtistBothMatch() {
        stubSearch(okJson(searchAnswer()));
        stubPage(SONG_PAGE, html(fixture("song-paper-lanterns.html")));

        LyricsAnswer answer = find(settings(), TITLE, ARTIST);

        assertEquals(Status.FOUND, answer.status(), answer.reason());
        assertEquals(fixture("paper-lanterns-lyrics.txt").strip(), answer.lyrics());
        assertFalse(answer.fromCache());
        genius.verify(1, getRequestedFor(urlPathEqualTo("/search"))
                .withQueryParam("q", equalTo("Paper Lanterns Adá Marlowe & The Tides"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        // the first hit is The Night Ferries' "Paper Lanterns": a title-only match would have read its page
        assertEquals(0, count(getRequestedFor(urlPathEqualTo(DECOY_PAGE))));
        // the token is for the API only, never for an address taken from Genius's data
        genius.verify(1, getRequestedFor(urlPathEqualTo(SONG_PAGE)).withoutHeader("Authorization"));
        CachedLyrics cached = onlyCacheEntry();
        assertEquals(Status.FOUND, cached.status());
        assertNull(cached.expiresAt(), "found lyrics are kept for good");
        assertEquals(TITLE, cached.title());
    }

    @Test
    void sameTitleByAnotherArtistIsNotFoundAndCachedForTheNegativeTtl() {
        stubSearch(okJson(searchAnswer()));

        LyricsAnswer answer = find(settings(), "Paper Lanterns", "Mira Holt");

        assertEquals(Status.NOT_FOUND, answer.status());
        assertNull(answer.lyrics());
        assertEquals(0, count(getRequestedFor(urlPathMatching(".*-lyrics"))), "no song page is read");
        assertEquals(START.plus(Duration.ofDays(30)), onlyCacheEntry().expiresAt());
    }

    @Test
    void anInstrumentalHasNoLyrics() {
        stubSearch(okJson(searchAnswer()));
        stubPage(INSTRUMENTAL_PAGE, html(fixture("song-harbour-lights-instrumental.html")));

        LyricsAnswer answer = find(settings(), "Harbour Lights", "Ada Marlowe and The Tides");

        // the page's scripts mention a captcha: that alone is no block
        assertEquals(Status.NOT_FOUND, answer.status(), answer.reason());
        assertTrue(answer.reason().contains("no lyrics"), answer.reason());
        assertEquals(Status.NOT_FOUND, onlyCacheEntry().status());
    }

    @Test
    void aCloudflareRefusalIsBlockedAtOnceAndCachedForADay() {
        stubSearch(okJson(searchAnswer()));
        stubPage(SONG_PAGE, html(fixture("cloudflare-challenge.html")).withStatus(403)
                .withHeader("cf-mitigated", "challenge").withHeader("Server", "cloudflare"));

        LyricsAnswer answer = find(settings(), TITLE, ARTIST);

        assertEquals(Status.BLOCKED, answer.status(), answer.reason());
        assertEquals(1, count(getRequestedFor(urlPathEqualTo(SONG_PAGE))), "a refusal is not retried");
        CachedLyrics cached = onlyCacheEntry();
        assertEquals(Status.BLOCKED, cached.status());
        assertEquals(START.plus(Duration.ofDays(1)), cached.expiresAt());
    }

    @Test
    void aChallengePageServedWithStatus200IsBlocked() {
        stubSearch(okJson(searchAnswer()));
        stubPage(SONG_PAGE, html(fixture("cloudflare-challenge.html")));

        assertEquals(Status.BLOCKED, find(settings(), TITLE, ARTIST).status());
    }

    @Test
    void aRefusedSearchIsBlocked() {
        stubSearch(html(fixture("cloudflare-challenge.html")).withStatus(403));

        assertEquals(Status.BLOCKED, find(settings(), TITLE, ARTIST).status());
        assertEquals(1, count(getRequestedFor(urlPathEqualTo("/search"))));
    }

    @Test
    void tooManyRequestsWaitsAsRetryAfterAsks() {
        genius.stubFor(get(urlPathEqualTo("/search")).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        genius.stubFor(get(urlPathEqualTo("/search")).inScenario("limited").whenScenarioStateIs("open")
                .willReturn(okJson(searchAnswer())));
        stubPage(SONG_PAGE, html(fixture("song-paper-lanterns.html")));

        LyricsAnswer answer = find(settings(), TITLE, ARTIST);

        assertEquals(Status.FOUND, answer.status(), answer.reason());
        List<Long> searches = genius.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/search"))
                .map(e -> e.getRequest().getLoggedDate().getTime()).sorted().toList();
        assertEquals(2, searches.size());
        // measured between the requests as the server saw them: the first lookup's start-up costs do not count
        long waitedMs = searches.get(1) - searches.get(0);
        assertTrue(waitedMs >= 950, "waited only " + waitedMs + " ms");
    }

    @Test
    void aLongerRetryAfterIsCutToTheConfiguredMaximum() {
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plus(Duration.ofHours(1))
                .atOffset(ZoneOffset.UTC));
        genius.stubFor(get(urlPathEqualTo("/search")).inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", inAnHour)).willSetStateTo("open"));
        genius.stubFor(get(urlPathEqualTo("/search")).inScenario("limited").whenScenarioStateIs("open")
                .willReturn(okJson(searchAnswer())));
        stubPage(SONG_PAGE, html(fixture("song-paper-lanterns.html")));
        GeniusSettings shortWaits = settings(1000, 4, Duration.ofSeconds(5), Duration.ofMillis(200));

        long start = System.nanoTime();
        LyricsAnswer answer = find(shortWaits, TITLE, ARTIST);

        assertEquals(Status.FOUND, answer.status(), answer.reason());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "the hour was not cut");
    }

    @Test
    void serverErrorsAreRetried() {
        for (String state : new String[] {STARTED, "second"}) {
            genius.stubFor(get(urlPathEqualTo("/search")).inScenario("flaky").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(503).withBody("upstream connect error"))
                    .willSetStateTo(STARTED.equals(state) ? "second" : "third"));
        }
        genius.stubFor(get(urlPathEqualTo("/search")).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(okJson(searchAnswer())));
        stubPage(SONG_PAGE, html(fixture("song-paper-lanterns.html")));

        LyricsAnswer answer = find(settings(), TITLE, ARTIST);

        assertEquals(Status.FOUND, answer.status(), answer.reason());
        assertEquals(3, count(getRequestedFor(urlPathEqualTo("/search"))));
    }

    @Test
    void timeoutsExhaustTheAttemptsAndAreNotCached() {
        stubSearch(okJson(searchAnswer()).withFixedDelay(1_500));
        GeniusSettings impatient = settings(1000, 3, Duration.ofMillis(300), Duration.ofSeconds(1));

        LyricsAnswer answer = find(impatient, TITLE, ARTIST);

        assertEquals(Status.FAILED, answer.status());
        assertTrue(answer.reason().contains("timed out") && answer.reason().contains("3 attempt"),
                answer.reason());
        assertTrue(cache.entries().isEmpty(), "a transient failure is not cached");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> count(getRequestedFor(urlPathEqualTo("/search"))) == 3);
    }

    @Test
    void aCachedAnswerNeedsNoRequest() {
        stubSearch(okJson(searchAnswer()));
        stubPage(SONG_PAGE, html(fixture("song-paper-lanterns.html")));
        try (LyricsLookup lookup = new LyricsLookup(settings(), cache, clock)) {
            LyricsAnswer first = lookup.find(TITLE, ARTIST);
            genius.resetRequests();

            // the same song however the track names it
            LyricsAnswer again = lookup.find("Paper Lanterns", "Ada Marlowe and the Tides");

            assertEquals(Status.FOUND, again.status());
            assertTrue(again.fromCache());
            assertEquals(first.lyrics(), again.lyrics());
            assertEquals(0, count(anyRequestedFor(anyUrl())));
        }
    }

    @Test
    void anEntryPutInTheCacheIsAnsweredWithoutGenius() {
        String key = LyricsCacheKey.of(TrackNames.normalize("Harbour Lights"),
                TrackNames.normalize("Ada Marlowe and The Tides"));
        cache.put(key, new CachedLyrics(Status.FOUND, "la la", null, "Harbour Lights", "Ada Marlowe and The Tides",
                START.minus(Duration.ofDays(400)), null));

        LyricsAnswer answer = find(settings(), "Harbour Lights", "Ada Marlowe & The Tides");

        assertEquals(new LyricsAnswer(Status.FOUND, "la la", null, true), answer);
        assertEquals(0, count(anyRequestedFor(anyUrl())));
    }

    @Test
    void aNegativeAnswerIsAskedAgainOnceItExpires() {
        stubSearch(okJson(searchAnswer()));
        try (LyricsLookup lookup = new LyricsLookup(settings(), cache, clock)) {
            assertFalse(lookup.find("Paper Lanterns", "Mira Holt").fromCache());

            clock.advance(Duration.ofDays(29));
            LyricsAnswer withinTtl = lookup.find("Paper Lanterns", "Mira Holt");
            assertEquals(Status.NOT_FOUND, withinTtl.status());
            assertTrue(withinTtl.fromCache());
            assertEquals(1, count(getRequestedFor(urlPathEqualTo("/search"))));

            clock.advance(Duration.ofDays(2));
            LyricsAnswer expired = lookup.find("Paper Lanterns", "Mira Holt");
            assertEquals(Status.NOT_FOUND, expired.status());
            assertFalse(expired.fromCache());
            assertEquals(2, count(getRequestedFor(urlPathEqualTo("/search"))));
            assertEquals(START.plus(Duration.ofDays(31 + 30)), onlyCacheEntry().expiresAt());
        }
    }

    @Test
    void aRejectedTokenFailsWithAReasonThatDoesNotShowIt() {
        stubSearch(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(fixture("search-unauthorized.json")));

        LyricsAnswer answer = find(settings(), TITLE, ARTIST);

        assertEquals(Status.FAILED, answer.status());
        assertTrue(answer.reason().contains("401") && answer.reason().contains("token"), answer.reason());
        assertFalse(answer.reason().contains(TOKEN));
        assertTrue(cache.entries().isEmpty(), "a bad token says nothing about the song");
        // the capture works (else "never logged" would prove nothing): the failure was logged, without the token
        assertTrue(logs.records().stream().anyMatch(r -> r.contains("HTTP 401")), logs.records().toString());
    }

    @Test
    void afterARejectedTokenNothingMoreIsAsked() {
        stubSearch(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(fixture("search-unauthorized.json")));
        try (LyricsLookup lookup = new LyricsLookup(settings(), cache, clock)) {
            assertEquals(Status.FAILED, lookup.find(TITLE, ARTIST).status());
            LyricsAnswer second = lookup.find("Another Song", "Another Artist");
            assertEquals(Status.FAILED, second.status());
            assertTrue(second.reason().contains("401") && second.reason().contains("no lookups"), second.reason());
        }
        genius.verify(1, getRequestedFor(urlPathEqualTo("/search")));
    }

    @Test
    void withoutATokenNothingIsAsked() {
        GeniusSettings noToken = GeniusSettings.defaults(Optional.empty());

        LyricsAnswer answer = find(noToken, TITLE, ARTIST);

        assertEquals(Status.FAILED, answer.status());
        assertTrue(answer.reason().contains("token"), answer.reason());
        assertTrue(cache.entries().isEmpty());
    }

    @Test
    void aTrackWithoutArtistIsNotFoundWithoutRequest() {
        LyricsAnswer answer = find(settings(), "Paper Lanterns", "  ");

        assertEquals(Status.NOT_FOUND, answer.status());
        assertEquals(0, count(anyRequestedFor(anyUrl())));
        assertTrue(cache.entries().isEmpty());
    }

    @Test
    void theRateLimiterSpacesRequests() {
        stubSearch(okJson(searchAnswer()));
        GeniusSettings twoPerSecond = settings(2, 4, Duration.ofSeconds(5), Duration.ofSeconds(1));
        try (LyricsLookup lookup = new LyricsLookup(twoPerSecond, cache, clock)) {
            long start = System.nanoTime();
            for (String artist : new String[] {"Mira Holt", "Kai Brenner", "Oona Vale", "Teo Marsh"}) {
                assertEquals(Status.NOT_FOUND, lookup.find("Paper Lanterns", artist).status());
            }
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            // 4 requests at 2 per second, spaced rather than in bursts of 2: the last one 3 spacings of 500 ms
            // after the first (the limiter's first period starts as it is made, just before the first request)
            assertTrue(tookMs >= 1_400, "4 requests took only " + tookMs + " ms");
            assertEquals(4, count(getRequestedFor(urlPathEqualTo("/search"))));
        }
    }

    @Test
    void lookupsFromManyThreadsAllAnswer() throws Exception {
        stubSearch(okJson(searchAnswer()));
        stubPage(SONG_PAGE, html(fixture("song-paper-lanterns.html")));
        try (LyricsLookup lookup = new LyricsLookup(settings(), cache, clock);
                ExecutorService threads = Executors.newFixedThreadPool(8)) {
            Callable<LyricsAnswer> task = () -> lookup.find(TITLE, ARTIST);
            for (Future<LyricsAnswer> answer : threads.invokeAll(Collections.nCopies(16, task))) {
                assertEquals(fixture("paper-lanterns-lyrics.txt").strip(), answer.get().lyrics());
            }
        }
    }

    private LyricsAnswer find(GeniusSettings settings, String title, String artist) {
        try (LyricsLookup lookup = new LyricsLookup(settings, cache, clock)) {
            LyricsAnswer answer = lookup.find(title, artist);
            assertNotNull(answer);
            if (answer.reason() != null) {
                assertFalse(answer.reason().contains(TOKEN), answer.reason());
            }
            return answer;
        }
    }

    /** Fast settings for tests: a rate that never waits, short backoffs, the stand-in's address and the token. */
    private static GeniusSettings settings() {
        return settings(1000, 4, Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    private static GeniusSettings settings(double requestsPerSecond, int maxAttempts, Duration requestTimeout,
            Duration maxRetryAfter) {
        return new GeniusSettings(genius.baseUrl(), Optional.of(TOKEN), requestsPerSecond, maxAttempts,
                requestTimeout, Duration.ofMillis(50), maxRetryAfter, Duration.ofSeconds(10), Duration.ofDays(30),
                Duration.ofDays(1), false);
    }

    private static void stubSearch(ResponseDefinitionBuilder response) {
        genius.stubFor(get(urlPathEqualTo("/search")).willReturn(response));
    }

    private static void stubPage(String path, ResponseDefinitionBuilder response) {
        genius.stubFor(get(urlPathEqualTo(path)).willReturn(response));
    }

    private static ResponseDefinitionBuilder html(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8").withBody(body);
    }

    /** The search answer, its song addresses pointing at the stand-in. */
    private static String searchAnswer() {
        return fixture("search-paper-lanterns.json").replace("{{base}}", genius.baseUrl());
    }

    private static int count(RequestPatternBuilder pattern) {
        return genius.countRequestsMatching(pattern.build()).getCount();
    }

    private CachedLyrics onlyCacheEntry() {
        assertEquals(1, cache.entries().size(), cache.entries().toString());
        return cache.entries().values().iterator().next();
    }

    static String fixture(String name) {
        try (InputStream in = LyricsLookupTest.class.getResourceAsStream("/genius/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
