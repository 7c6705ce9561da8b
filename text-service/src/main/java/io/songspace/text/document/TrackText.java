package io.songspace.text.document;

/**
 * One track's text and where it came from; {@code note} says why a better source was not used (e.g. Genius
 * blocked the request), null when there is nothing to say.
 */
public record TrackText(String trackId, TextSource source, String text, String note) {

    public TrackText {
        text = text == null ? "" : text;
    }
}
