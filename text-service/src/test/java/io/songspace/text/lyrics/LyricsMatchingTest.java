package io.songspace.text.lyrics;

import static io.songspace.text.lyrics.LyricsLookupTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which Genius hit is a track's song: name normalisation, the title-and-artist match, the cache key. */
class LyricsMatchingTest {

    @Test
    void normalisationFoldsCaseDiacriticsPunctuationAndAmpersands() {
        assertEquals("ada marlowe and the tides", TrackNames.normalize("Adá Marlowe & The Tides"));
        assertEquals("ada marlowe and the tides", TrackNames.normalize("  ADA MARLOWE and the   Tides "));
        assertEquals("beyonce", TrackNames.normalize("Beyoncé"));
        assertEquals("dont stop me now", TrackNames.normalize("Don’t Stop Me Now"));
        assertEquals("ac dc", TrackNames.normalize("AC/DC"));
        assertEquals("ob la di ob la da", TrackNames.normalize("Ob-La-Di, Ob-La-Da"));
        assertEquals("paper lanterns", TrackNames.normalize("Ｐａｐｅｒ\u200b Lanterns"), "full width, zero width");
        assertEquals("", TrackNames.normalize(null));
    }

    @Test
    void normalisationDropsVersionsAndGuests() {
        assertEquals("paper lanterns", TrackNames.normalize("Paper Lanterns (feat. Jonah Reyes) - Remastered 2011"));
        assertEquals("paper lanterns", TrackNames.normalize("Paper Lanterns [Kestrel Remix]"));
        assertEquals("paper lanterns", TrackNames.normalize("Paper Lanterns - Live at the Harbour - 2011 Remaster"));
        assertEquals("paper lanterns", TrackNames.normalize("Paper Lanterns ft. Jonah Reyes"));
        assertEquals("paper lanterns", TrackNames.normalize("Paper Lanterns – Radio Edit"));
        // a dash part without a version word is part of the title; "with" or a bare "feat" may be words
        assertEquals("paper lanterns part 2", TrackNames.normalize("Paper Lanterns - Part 2"));
        assertEquals("stay with me", TrackNames.normalize("Stay With Me"));
        assertEquals("feat of strength", TrackNames.normalize("Feat of Strength"));
        // nothing but decoration stays whole
        assertEquals("untitled", TrackNames.normalize("(Untitled)"));
        assertEquals("Paper Lanterns",
                TrackNames.withoutDecorations("Paper Lanterns (feat. Jonah Reyes) - Remastered 2011"));
    }

    @Test
    void aHitMatchesOnlyWhenTitleAndArtistBothDo() {
        List<GeniusSearchHit> hits = GeniusSearchHit.parse(fixture("search-paper-lanterns.json")).orElseThrow();
        String title = TrackNames.normalize("Paper Lanterns");
        String artist = TrackNames.normalize("Adá Marlowe & The Tides");

        assertEquals(5, hits.size());
        assertEquals(List.of("The Night Ferries"), hits.get(0).artists());
        assertFalse(hits.get(0).matches(title, artist), "same title, another artist");
        assertTrue(hits.get(1).matches(title, artist));
        assertFalse(hits.get(2).matches(title, artist), "same artist, another title");
        // a collaboration's artists are each its artist; the remix is a version of the same song
        assertTrue(hits.get(4).matches(title, artist));
        assertTrue(hits.get(4).matches(title, TrackNames.normalize("DJ Kestrel")));
        assertFalse(hits.get(1).matches(title, TrackNames.normalize("Ada Marlowe")), "no partial artist match");
        assertFalse(hits.get(1).matches(TrackNames.normalize("Paper Lantern"), artist), "no fuzzy title match");
    }

    @Test
    void theTitleWithFeaturedArtistsMatchesToo() {
        GeniusSearchHit hit = new GeniusSearchHit("Paper Lanterns (Reprise)", "Paper Lanterns (Ft. Jonah Reyes)",
                List.of("Ada Marlowe and The Tides"), "https://genius.com/x");

        assertTrue(hit.matches("paper lanterns", "ada marlowe and the tides"));
    }

    @Test
    void aBodyThatIsNoSearchAnswerHasNoHits() {
        assertEquals(Optional.empty(), GeniusSearchHit.parse(fixture("cloudflare-challenge.html")));
        assertEquals(Optional.empty(), GeniusSearchHit.parse("{\"meta\":{\"status\":200}}"));
        assertEquals(Optional.empty(), GeniusSearchHit.parse(""));
        assertEquals(Optional.of(List.of()), GeniusSearchHit.parse("{\"response\":{\"hits\":[]}}"));
    }

    @Test
    void theCacheKeyIsASafeSlugWithAHash() {
        String key = LyricsCacheKey.of(TrackNames.normalize("Paper Lanterns (feat. Jonah Reyes)"),
                TrackNames.normalize("Adá Marlowe & The Tides"));

        assertTrue(key.matches("ada-marlowe-and-the-tides--paper-lanterns-[0-9a-f]{16}"), key);
        assertEquals(key, LyricsCacheKey.of("paper lanterns", "ada marlowe and the tides"));
        assertNotEquals(key, LyricsCacheKey.of("ada marlowe and the tides", "paper lanterns"), "order matters");
        // names in other scripts slug to nothing; the hash still tells them apart
        String kyoto = LyricsCacheKey.of(TrackNames.normalize("京都"), TrackNames.normalize("くるり"));
        String tokyo = LyricsCacheKey.of(TrackNames.normalize("東京"), TrackNames.normalize("くるり"));
        assertTrue(kyoto.matches("---[0-9a-f]{16}"), kyoto);
        assertNotEquals(kyoto, tokyo);
        String longName = "a".repeat(300);
        assertTrue(LyricsCacheKey.of(longName, longName).length() < 120);
    }
}
