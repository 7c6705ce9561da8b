package io.songspace.text.document;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a track's text came from, best first. The genre label is never a source. */
public enum TextSource {
    /** Lyrics: the dataset's own (a sidecar, a table column, the demo corpus) or Genius's. */
    LYRICS,
    /** Title, artist and tags. */
    METADATA,
    /** The audio file's name without its extension. */
    FILENAME,
    /** Nothing to say: the track's text vector is all zeros. */
    NONE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
