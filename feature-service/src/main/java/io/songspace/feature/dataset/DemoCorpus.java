package io.songspace.feature.dataset;

import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.feature.dataset.demo.DemoClips;
import io.songspace.feature.dataset.demo.DemoGenre;
import io.songspace.feature.dataset.demo.DemoText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The demo collection, generated offline from the run's seed: {@code tracksPerGenre} 30 s clips of each of five
 * genres whose genre is audible (instrumentation, tempo, rhythm, texture; see the styles in
 * {@code io.songspace.feature.dataset.demo}), plus {@code corruptTracks} deliberately broken files. Same seed, same
 * manifest and same audio bytes.
 *
 * <p>Sources: {@code demo:{seed}/{genre}/{index}} (genre slug, e.g. {@code demo:42/hip-hop/7}) and
 * {@code demo:{seed}/corrupt/{index}}; a worker renders the clip from the source alone. Track ids:
 * {@code {genre}-{index:04d}} and {@code corrupt-{index:04d}}.
 */
@ApplicationScoped
public class DemoCorpus {

    public static final String SCHEME = "demo:";
    public static final int MAX_TRACKS_PER_GENRE = 600;
    private static final String CORRUPT = "corrupt";

    /**
     * @param genres genres to generate (demo genre names, any case); null = all five
     */
    public List<ManifestEntry> manifest(long seed, List<String> genres, int tracksPerGenre, int corruptTracks)
            throws DatasetException {
        if (tracksPerGenre < 1 || tracksPerGenre > MAX_TRACKS_PER_GENRE) {
            throw new DatasetException("demo tracksPerGenre must be between 1 and " + MAX_TRACKS_PER_GENRE + ", not "
                    + tracksPerGenre);
        }
        if (corruptTracks < 0) {
            throw new DatasetException("demo corruptTracks must not be negative, not " + corruptTracks);
        }
        List<DemoGenre> chosen = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String name : genres != null ? genres : DemoGenre.labels()) {
            DemoGenre genre = DemoGenre.find(name).orElseThrow(() -> new DatasetException("the demo corpus has no "
                    + "genre '" + name + "' (it has " + String.join(", ", DemoGenre.labels()) + ")"));
            if (chosen.contains(genre)) {
                throw new DatasetException("demo genre '" + name + "' is listed twice");
            }
            chosen.add(genre);
            labels.add(genres != null ? name : genre.label());
        }
        List<ManifestEntry> entries = new ArrayList<>();
        for (int g = 0; g < chosen.size(); g++) {
            DemoGenre genre = chosen.get(g);
            for (int i = 0; i < tracksPerGenre; i++) {
                entries.add(entry(genre.slug() + "-" + "%04d".formatted(i), labels.get(g), DemoText.of(seed, genre, i),
                        source(seed, genre.slug(), i)));
            }
        }
        for (int i = 0; i < corruptTracks; i++) {
            // a broken file in a real collection still has a genre and a title
            int g = i % chosen.size();
            entries.add(entry(CORRUPT + "-" + "%04d".formatted(i), labels.get(g), DemoText.of(seed, chosen.get(g),
                    MAX_TRACKS_PER_GENRE + i), source(seed, CORRUPT, i)));
        }
        return entries;
    }

    /** The WAV bytes (or, for a corrupt track, the broken bytes) of a {@code demo:} source. */
    public byte[] audio(String source) {
        String[] parts = source.startsWith(SCHEME) ? source.substring(SCHEME.length()).split("/") : new String[0];
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a demo source: " + source);
        }
        long seed;
        int index;
        try {
            seed = Long.parseLong(parts[0]);
            index = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a demo source: " + source, e);
        }
        if (CORRUPT.equals(parts[1])) {
            return DemoClips.corrupt(seed, index);
        }
        DemoGenre genre = Arrays.stream(DemoGenre.values()).filter(g -> g.slug().equals(parts[1])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("demo source " + source + " names no demo genre"));
        return DemoClips.render(seed, genre, index);
    }

    static String source(long seed, String kind, int index) {
        return SCHEME + seed + "/" + kind + "/" + index;
    }

    private static ManifestEntry entry(String trackId, String label, DemoText.TrackText text, String source) {
        return new ManifestEntry(trackId, label, text.title(), text.artist(), text.tags(), text.lyrics(),
                text.language(), source);
    }
}
