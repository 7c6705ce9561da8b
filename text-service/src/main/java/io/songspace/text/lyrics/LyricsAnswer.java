package io.songspace.text.lyrics;

import java.util.Objects;

/**
 * What a lyrics lookup found for one track.
 *
 * @param status    see {@link Status}
 * @param lyrics    the lyrics, one line per line, stanzas separated by a blank line; null unless FOUND
 * @param reason    why there are no lyrics, for logs and reports; null when FOUND. Never holds the token
 * @param fromCache whether the answer came from the lyrics cache rather than from Genius just now
 */
public record LyricsAnswer(Status status, String lyrics, String reason, boolean fromCache) {

    public enum Status {
        /** Genius has a song with this title and artist, and it has lyrics. Cached for good. */
        FOUND,
        /** No search hit has this title and artist, or the matching song has no lyrics (an instrumental, say).
         *  Cached for {@link GeniusSettings#negativeTtl()}. */
        NOT_FOUND,
        /** Genius refused: a 403 or a captcha/Cloudflare challenge page. Cached for
         *  {@link GeniusSettings#blockedTtl()}. */
        BLOCKED,
        /** The lookup could not tell: no or a rejected token, Genius unavailable after every attempt, an
         *  unexpected answer. Never cached: the next run asks again. */
        FAILED
    }

    public LyricsAnswer {
        Objects.requireNonNull(status, "status");
        if ((status == Status.FOUND) != (lyrics != null)) {
            throw new IllegalArgumentException("lyrics go with FOUND and only with FOUND: " + status);
        }
    }

    static LyricsAnswer found(String lyrics) {
        return new LyricsAnswer(Status.FOUND, lyrics, null, false);
    }

    static LyricsAnswer notFound(String reason) {
        return new LyricsAnswer(Status.NOT_FOUND, null, reason, false);
    }

    static LyricsAnswer blocked(String reason) {
        return new LyricsAnswer(Status.BLOCKED, null, reason, false);
    }

    static LyricsAnswer failed(String reason) {
        return new LyricsAnswer(Status.FAILED, null, reason, false);
    }
}
