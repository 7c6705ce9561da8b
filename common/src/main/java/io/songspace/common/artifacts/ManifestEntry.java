package io.songspace.common.artifacts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One track of a run's manifest. {@code label} is for evaluation only: no feature may be computed from it.
 * {@code source} says where the audio is (see {@code AudioJob}); null for table datasets. Title, artist, album,
 * tags and lyrics are what the text stage may read; any of them may be null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestEntry(String trackId, String label, String title, String artist, List<String> tags,
        String lyrics, String language, String source, String album) {

    /** A track without an album title. */
    public ManifestEntry(String trackId, String label, String title, String artist, List<String> tags, String lyrics,
            String language, String source) {
        this(trackId, label, title, artist, tags, lyrics, language, source, null);
    }
}
