package io.songspace.text.lyrics;

import static io.songspace.text.lyrics.LyricsLookupTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading lyrics out of Genius song pages, and telling a challenge page from a song page. */
class LyricsPageTest {

    @Test
    void joinsTheContainersLineByLineWithoutHeadersOrExcludedParts() {
        String lyrics = LyricsPage.lyrics(fixture("song-paper-lanterns.html"), false).orElseThrow();

        assertEquals(fixture("paper-lanterns-lyrics.txt").strip(), lyrics);
        assertFalse(lyrics.contains("Contributors"), "the excluded header is not lyrics");
        assertFalse(lyrics.contains("You might also like"), "the excluded recommendations are not lyrics");
        assertFalse(lyrics.contains("["), "section headers are dropped by default");
    }

    @Test
    void keepsSectionHeadersWhenAsked() {
        String lyrics = LyricsPage.lyrics(fixture("song-paper-lanterns.html"), true).orElseThrow();

        assertTrue(lyrics.startsWith("[Verse 1: Ada Marlowe]\nWe hung paper lanterns on the harbour wall\n"), lyrics);
        // the second container starts with a header: a blank line parts it from the first container's last line
        assertTrue(lyrics.contains("for one more night\n\n[Verse 2: Jonah Reyes]\nSalt on the window"), lyrics);
        assertTrue(lyrics.contains("\n\n[Chorus: Ada Marlowe & Jonah Reyes]\nBurn slow"), lyrics);
    }

    @Test
    void aPageWithoutLyricsContainersHasNoLyrics() {
        assertEquals(Optional.empty(), LyricsPage.lyrics(fixture("song-harbour-lights-instrumental.html"), false));
        assertEquals(Optional.empty(), LyricsPage.lyrics(fixture("cloudflare-challenge.html"), false));
    }

    @Test
    void containersWithNothingButHeadersAreNoLyrics() {
        String html = "<div data-lyrics-container=\"true\"><br/>[Instrumental]<br/>&nbsp;</div>";

        assertEquals(Optional.empty(), LyricsPage.lyrics(html, false));
        assertEquals(Optional.empty(), LyricsPage.lyrics(html, true));
    }

    @Test
    void blockElementsInsideAContainerBreakLines() {
        String html = "<div data-lyrics-container=\"true\">one<div>two</div><p>three</p>four <a href=\"/1\">five</a>"
                + "</div><div>not lyrics</div><div data-lyrics-container=\"true\">six</div>";

        assertEquals("one\ntwo\nthree\nfour five\nsix", LyricsPage.lyrics(html, false).orElseThrow());
    }

    @Test
    void challengeMarkersAreFoundOnlyOnChallengePages() {
        assertTrue(BlockedResponses.looksLikeChallenge(fixture("cloudflare-challenge.html")));
        assertTrue(BlockedResponses.looksLikeChallenge("<div class=\"g-recaptcha\" data-sitekey=\"x\"></div>"));
        assertFalse(BlockedResponses.looksLikeChallenge(fixture("song-paper-lanterns.html")));
        // a recaptcha key in the page's state is not a challenge
        assertFalse(BlockedResponses.looksLikeChallenge(fixture("song-harbour-lights-instrumental.html")));
    }
}
