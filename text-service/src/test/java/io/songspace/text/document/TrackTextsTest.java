package io.songspace.text.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.common.artifacts.ManifestEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrackTextsTest {

    private static ManifestEntry track(String title, String artist, List<String> tags, String lyrics, String source) {
        return new ManifestEntry("t1", "Rock", title, artist, tags, lyrics, null, source);
    }

    @Test
    void theDatasetsLyricsComeFirstAndNoLookupIsMade() {
        List<String> asked = new ArrayList<>();
        TrackTexts texts = new TrackTexts(Optional.of((title, artist) -> {
            asked.add(title);
            return LyricsSource.Lookup.found("other");
        }));
        TrackText t = texts.of(track("Song", "Band", List.of(), "  la la la\nlo  ", "file:/m/Rock/song.mp3"));
        assertEquals(new TrackText("t1", TextSource.LYRICS, "la la la\nlo", null), t);
        assertEquals(List.of(), asked);
    }

    @Test
    void foundLyricsBeatMetadataAndAMissIsNotedOnTheFallback() {
        TrackTexts texts = new TrackTexts(Optional.of((title, artist) -> title.equals("Known")
                ? LyricsSource.Lookup.found("words") : LyricsSource.Lookup.none("blocked (403)")));
        assertEquals(TextSource.LYRICS, texts.of(track("Known", "Band", List.of(), null, null)).source());
        TrackText fallback = texts.of(track("Unknown", "Band", List.of("lo-fi", " "), null, null));
        assertEquals(new TrackText("t1", TextSource.METADATA, "Unknown Band lo-fi", "blocked (403)"), fallback);
    }

    @Test
    void theMetadataTextIsTitleArtistAlbumAndTags() {
        ManifestEntry fma = new ManifestEntry("000002", "Hip-Hop", "Food", "AWOL", List.of("hiphop"), null, "en",
                "file:/fma/000/000002.mp3", "AWOL - A Way Of Life");
        assertEquals("Food AWOL AWOL - A Way Of Life hiphop", new TrackTexts(Optional.empty()).of(fma).text());
    }

    @Test
    void withoutAnArtistNoLookupIsMadeAndTheGenreNeverEntersTheText() {
        List<String> asked = new ArrayList<>();
        TrackTexts texts = new TrackTexts(Optional.of((title, artist) -> {
            asked.add(title);
            return LyricsSource.Lookup.none("not found");
        }));
        TrackText t = texts.of(track("Night Drive", null, List.of(), null, null));
        assertEquals(new TrackText("t1", TextSource.METADATA, "Night Drive", null), t);
        assertEquals(List.of(), asked);
        assertFalse(t.text().contains("Rock"), "the label is never text");
    }

    @Test
    void aTrackWithoutMetadataFallsBackToItsFileNameThenToNothing() {
        TrackTexts texts = new TrackTexts(Optional.empty());
        assertEquals(new TrackText("t1", TextSource.FILENAME, "my first song", null),
                texts.of(track(null, " ", null, null, "s3://bucket/Rock/my_first-song.mp3")));
        TrackText none = texts.of(track(null, null, null, null, null));
        assertEquals(TextSource.NONE, none.source());
        assertTrue(none.text().isEmpty());
    }
}
