package io.songspace.text.lyrics;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One song of a Genius search answer ({@code GET /search}): its titles, its primary artists and its page.
 *
 * @param title             {@code result.title}
 * @param titleWithFeatured {@code result.title_with_featured}, e.g. "Song (Ft. X)"
 * @param artists           {@code result.primary_artist.name}, then each {@code result.primary_artists[].name}
 *                          (collaborations have several)
 * @param url               {@code result.url}, the song page with the lyrics
 */
record GeniusSearchHit(String title, String titleWithFeatured, List<String> artists, String url) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The song hits of a search answer, in Genius's order; empty when the body is not a Genius search answer at
     * all (an HTML challenge page served in its place, say). Hits of another type or without a page are left out.
     */
    static Optional<List<GeniusSearchHit>> parse(String body) {
        JsonNode hits;
        try {
            hits = JSON.readTree(body).path("response").path("hits");
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (!hits.isArray()) {
            return Optional.empty();
        }
        List<GeniusSearchHit> songs = new ArrayList<>();
        for (JsonNode hit : hits) {
            JsonNode result = hit.path("result");
            if ("song".equals(hit.path("type").asText()) && result.hasNonNull("url")) {
                // the primary artist is usually the first of primary_artists too: each name once
                Set<String> artists = new LinkedHashSet<>();
                artists.add(result.path("primary_artist").path("name").asText(""));
                result.path("primary_artists").forEach(a -> artists.add(a.path("name").asText("")));
                songs.add(new GeniusSearchHit(result.path("title").asText(""),
                        result.path("title_with_featured").asText(""), List.copyOf(artists),
                        result.path("url").asText()));
            }
        }
        return Optional.of(songs);
    }

    /**
     * Whether this is the track's song: its title or title with featured artists, and one of its primary artists,
     * equal the track's title and artist once both sides are {@linkplain TrackNames#normalize normalised}. Both
     * must match: a hit with the same title by another artist is a cover or another song, never this one.
     */
    boolean matches(String normalizedTitle, String normalizedArtist) {
        boolean sameTitle = TrackNames.normalize(title).equals(normalizedTitle)
                || TrackNames.normalize(titleWithFeatured).equals(normalizedTitle);
        return sameTitle && artists.stream().map(TrackNames::normalize).anyMatch(normalizedArtist::equals);
    }
}
