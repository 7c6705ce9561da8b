package io.songspace.feature.dataset;

import io.songspace.common.artifacts.ManifestEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Picks a run's tracks from a labelled collection: only the requested genres, at most {@code tracksPerGenre} of each
 * by seeded sampling. The result is ordered by genre (the requested order, else alphabetical), then as found.
 */
final class GenreSelection {

    private GenreSelection() {
    }

    /**
     * @param genres         genres to keep, matched case-insensitively and relabelled to this spelling; null keeps
     *                       every label found
     * @param tracksPerGenre at most this many tracks per genre; null keeps all
     * @param what           the collection, for messages
     */
    static List<ManifestEntry> select(List<ManifestEntry> candidates, List<String> genres, Integer tracksPerGenre,
            long seed, String what) throws DatasetException {
        Map<String, List<ManifestEntry>> byGenre = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        if (genres != null) {
            for (String g : genres) {
                spelling.put(g.toLowerCase(Locale.ROOT), g);
                byGenre.put(g, new ArrayList<>());
            }
        } else {
            new TreeSet<>(candidates.stream().map(ManifestEntry::label).filter(l -> l != null).toList())
                    .forEach(l -> {
                        spelling.put(l.toLowerCase(Locale.ROOT), l);
                        byGenre.put(l, new ArrayList<>());
                    });
        }
        for (ManifestEntry e : candidates) {
            String genre = e.label() == null ? null : spelling.get(e.label().toLowerCase(Locale.ROOT));
            if (genre != null) {
                byGenre.get(genre).add(relabel(e, genre));
            }
        }
        List<ManifestEntry> selected = new ArrayList<>();
        for (Map.Entry<String, List<ManifestEntry>> g : byGenre.entrySet()) {
            if (g.getValue().isEmpty()) {
                throw new DatasetException(what + " has no tracks of genre '" + g.getKey() + "'");
            }
            selected.addAll(sample(g.getValue(), tracksPerGenre, seed, g.getKey()));
        }
        if (selected.isEmpty()) {
            throw new DatasetException(what + " has no tracks");
        }
        return selected;
    }

    /** {@code n} of {@code entries} drawn with a seed per (run seed, genre), kept in their original order. */
    private static List<ManifestEntry> sample(List<ManifestEntry> entries, Integer n, long seed, String genre) {
        if (n == null || entries.size() <= n) {
            return entries;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(Seeds.mix(seed, genre.toLowerCase(Locale.ROOT).hashCode())));
        return order.subList(0, n).stream().sorted(Comparator.naturalOrder()).map(entries::get).toList();
    }

    private static ManifestEntry relabel(ManifestEntry e, String label) {
        return label.equals(e.label()) ? e : new ManifestEntry(e.trackId(), label, e.title(), e.artist(), e.tags(),
                e.lyrics(), e.language(), e.source(), e.album());
    }
}
