package io.songspace.text.lyrics;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One track's lyrics from Genius, asked now: a search for title and artist, the first hit whose title and artist
 * both match, the lyrics on that hit's song page. Answers, never throws for anything Genius does. Thread-safe.
 */
final class GeniusClient implements AutoCloseable {

    /** The reason of every answer once Genius refused the token: no later request can do better. */
    static final String TOKEN_REJECTED = "Genius rejected the API token (HTTP 401): check the configured token";

    private final GeniusSettings settings;
    private final GeniusHttp http;

    GeniusClient(GeniusSettings settings, Clock clock) {
        this.settings = settings;
        this.http = new GeniusHttp(settings, clock);
    }

    /** The answer for a track whose title and artist normalise to something (the caller checks). */
    LyricsAnswer find(String title, String artist) {
        if (settings.token().isEmpty()) {
            return LyricsAnswer.failed("no Genius API token is configured");
        }
        try {
            HttpResponse<String> search = http.get(searchUri(title, artist), settings.token());
            if (search.statusCode() == 401) {
                return LyricsAnswer.failed(TOKEN_REJECTED);
            }
            Optional<LyricsAnswer> unusable = unusable(search, "the search");
            if (unusable.isPresent()) {
                return unusable.get();
            }
            Optional<List<GeniusSearchHit>> hits = GeniusSearchHit.parse(search.body());
            if (hits.isEmpty()) {
                return blockedOr(search.body(), LyricsAnswer.failed("the search answered no Genius JSON"));
            }
            String normalizedTitle = TrackNames.normalize(title);
            String normalizedArtist = TrackNames.normalize(artist);
            Optional<GeniusSearchHit> hit = hits.get().stream()
                    .filter(h -> h.matches(normalizedTitle, normalizedArtist)).findFirst();
            if (hit.isEmpty()) {
                return LyricsAnswer.notFound("none of the " + hits.get().size()
                        + " Genius search hits has this title and artist");
            }
            return lyrics(hit.get());
        } catch (GeniusUnavailableException e) {
            return LyricsAnswer.failed(e.getMessage());
        }
    }

    private URI searchUri(String title, String artist) {
        // the decorations ("(feat. X)", " - Remastered") would only blur Genius's search; the match ignores them
        String query = TrackNames.withoutDecorations(title) + " " + TrackNames.withoutDecorations(artist);
        return URI.create(settings.apiBase() + "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    private LyricsAnswer lyrics(GeniusSearchHit hit) throws GeniusUnavailableException {
        Optional<URI> page = pageUri(hit.url());
        if (page.isEmpty()) {
            return LyricsAnswer.failed("the matching Genius hit has an unusable page address: " + hit.url());
        }
        String what = "the song page " + page.get();
        HttpResponse<String> response = http.get(page.get(), Optional.empty());
        Optional<LyricsAnswer> unusable = unusable(response, what);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        return LyricsPage.lyrics(response.body(), settings.keepSectionHeaders())
                .map(LyricsAnswer::found)
                .orElseGet(() -> blockedOr(response.body(),
                        LyricsAnswer.notFound(what + " has no lyrics (an instrumental or unreleased song)")));
    }

    private static Optional<URI> pageUri(String url) {
        try {
            URI uri = URI.create(url);
            return "https".equals(uri.getScheme()) || "http".equals(uri.getScheme())
                    ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** BLOCKED for a refusal, FAILED for any other status but 2xx; empty for a 2xx, which the caller reads. */
    private static Optional<LyricsAnswer> unusable(HttpResponse<String> response, String what) {
        if (BlockedResponses.refused(response)) {
            return Optional.of(LyricsAnswer.blocked(what + " was refused (HTTP " + response.statusCode() + ")"));
        }
        if (response.statusCode() / 100 != 2) {
            return Optional.of(LyricsAnswer.failed(what + " answered HTTP " + response.statusCode()));
        }
        return Optional.empty();
    }

    /**
     * Where the expected content (JSON, lyrics) is missing: BLOCKED if the body is a challenge page, which
     * Cloudflare may serve with a 200, else {@code otherwise}.
     */
    private static LyricsAnswer blockedOr(String body, LyricsAnswer otherwise) {
        return BlockedResponses.looksLikeChallenge(body)
                ? LyricsAnswer.blocked("Genius answered with a captcha or challenge page")
                : otherwise;
    }

    @Override
    public void close() {
        http.close();
    }
}
