package io.songspace.text.document;

import io.songspace.common.artifacts.ManifestEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses each track's text, as the study does but without its label leak: the dataset's lyrics, else lyrics from
 * a {@link LyricsSource} (when one is configured and the track has a title and an artist), else title + artist +
 * album + tags, else the audio file's name, else nothing. The manifest's {@code label} is never read: the study put
 * "Genre: …" into its fallback text, which let the genre into the text features it then scored against the genre.
 */
public final class TrackTexts {

    private final Optional<LyricsSource> lyrics;

    public TrackTexts(Optional<LyricsSource> lyrics) {
        this.lyrics = lyrics;
    }

    public TrackText of(ManifestEntry track) {
        if (present(track.lyrics())) {
            return new TrackText(track.trackId(), TextSource.LYRICS, track.lyrics().strip(), null);
        }
        String note = null;
        if (lyrics.isPresent() && present(track.title()) && present(track.artist())) {
            LyricsSource.Lookup found = lyrics.get().find(track.title(), track.artist());
            if (found.found()) {
                return new TrackText(track.trackId(), TextSource.LYRICS, found.lyrics().strip(), null);
            }
            note = found.reason();
        }
        String metadata = metadata(track);
        if (!metadata.isEmpty()) {
            return new TrackText(track.trackId(), TextSource.METADATA, metadata, note);
        }
        String fileName = fileStem(track.source());
        if (!fileName.isEmpty()) {
            return new TrackText(track.trackId(), TextSource.FILENAME, fileName, note);
        }
        return new TrackText(track.trackId(), TextSource.NONE, "", note);
    }

    /** "title artist album tag tag …", the study's metadata text without its genre. */
    static String metadata(ManifestEntry track) {
        List<String> parts = new ArrayList<>();
        if (present(track.title())) {
            parts.add(track.title().strip());
        }
        if (present(track.artist())) {
            parts.add(track.artist().strip());
        }
        if (present(track.album())) {
            parts.add(track.album().strip());
        }
        if (track.tags() != null) {
            track.tags().stream().filter(TrackTexts::present).map(String::strip).forEach(parts::add);
        }
        return String.join(" ", parts);
    }

    /** The last path segment of an audio location without its extension, underscores and dashes as spaces. */
    static String fileStem(String source) {
        if (!present(source)) {
            return "";
        }
        String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return stem.replace('_', ' ').replace('-', ' ').strip().replaceAll("\\s+", " ");
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
