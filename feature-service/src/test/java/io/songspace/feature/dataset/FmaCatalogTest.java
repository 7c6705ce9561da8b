package io.songspace.feature.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.dataset.DatasetRoots;
import io.songspace.common.events.DatasetSpec;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FMA's tracks.csv as pandas writes it: two header rows, an index row, quoted newlines, Python list literals. */
class FmaCatalogTest {

    /** Columns in an order unlike the real file's, and two "title" columns: reading must go by (level0, level1). */
    private static final String[][] COLUMNS = {
        {"track", "title"}, {"album", "title"}, {"set", "split"}, {"track", "genres"}, {"artist", "name"},
        {"track", "tags"}, {"set", "subset"}, {"track", "language_code"}, {"track", "genre_top"}};

    @TempDir
    Path root;

    private FmaCatalog catalog;

    @BeforeEach
    void setUp() throws IOException {
        catalog = new FmaCatalog(new DatasetFiles(null, root.resolve("tmp"), new DatasetRoots(List.of(root))));
        writeTracksCsv(root.resolve(FmaCatalog.METADATA), COLUMNS, List.of(
                row(2, "Food", "AWOL - A Way Of Life", "[21]", "AWOL", "['hiphop', 'awol']", "small", "en", "Hip-Hop"),
                row(3, "Electric Ave", "AWOL - A Way Of Life", "[21]", "AWOL", "[]", "small", "en", "Hip-Hop"),
                row(5, "This World", "AWOL - A Way Of Life", "[21]", "AWOL", "[]", "small", "", "Hip-Hop"),
                row(10, "Freeway", "Constant Hitmaker", "[10]", "Kurt Vile", "['pop', \"don't stop\"]", "small", "en",
                        "Pop"),
                row(20, "Spiritual Level", "Niris", "[76, 103]", "Nicky Cook", "[]", "medium", "", "Pop"),
                row(26, "Line one\nLine two, \"quoted\"", "Niris", "[17]", "Nicky Cook", "[]", "small", "", "Folk"),
                row(30, "Big Riff", "Riffs", "[12]", "The Amps", "[]", "large", "", "Rock"),
                row(46, "Loud", "Riffs", "[12]", "The Amps", "['loud']", "small", "", "Rock"),
                row(48, "Hum", "Drones", "[38]", "Hum Unit", "[]", "small", "", "Experimental"),
                row(99, "No Top Genre", "Misc", "[]", "Anon", "[]", "small", "", ""),
                row(134, "Missing Audio", "AWOL - A Way Of Life", "[21]", "AWOL", "[]", "small", "", "Hip-Hop"),
                row(140, "Queen Of The Wires", "Wires", "[17]", "Alec K. Redfearn", "['folk', 'indie']", "small",
                        "", "Folk")));
        for (int id : new int[] {2, 3, 5, 10, 26, 46, 48, 140}) {
            touch(root.resolve("fma_small").resolve(FmaCatalog.audioPath(id)));
        }
        for (int id : new int[] {2, 20}) {
            touch(root.resolve("fma_medium").resolve(FmaCatalog.audioPath(id)));
        }
    }

    @Test
    void readsTheSmallSubsetOfTheStudyGenresByColumnName() throws Exception {
        List<ManifestEntry> m = catalog.manifest(fma(null, null, null), 42);
        assertEquals(List.of("000002", "000003", "000005", "000134", "000010", "000026", "000140", "000048",
                "000046"), m.stream().map(ManifestEntry::trackId).toList(), "study genre order, then file order");
        ManifestEntry food = m.getFirst();
        assertEquals(new ManifestEntry("000002", "Hip-Hop", "Food", "AWOL", List.of("hiphop", "awol"), null, "en",
                root.resolve("fma_small/000/000002.mp3").toUri().toString(), "AWOL - A Way Of Life"), food,
                "the album title is text; genre_top is only the label and genres are never read");
        ManifestEntry freeway = m.get(4);
        assertEquals(List.of("pop", "don't stop"), freeway.tags());
        ManifestEntry folk = m.get(5);
        assertEquals("Line one\nLine two, \"quoted\"", folk.title(), "quoted field with a newline and quotes");
        assertNull(folk.language());
        ManifestEntry missing = m.get(3);
        assertEquals("Missing Audio", missing.title());
        assertTrue(missing.source().endsWith("fma_small/000/000134.mp3"), "tracks without audio stay listed");
    }

    @Test
    void mediumIncludesSmallAndReadsItsOwnAudioFolder() throws Exception {
        List<ManifestEntry> m = catalog.manifest(fma("medium", List.of("Pop"), null), 42);
        assertEquals(List.of("000010", "000020"), m.stream().map(ManifestEntry::trackId).toList());
        assertTrue(m.get(1).source().endsWith("fma_medium/000/000020.mp3"), m.get(1).source());
        List<ManifestEntry> large = catalog.manifest(fma("large", List.of("Rock"), null), 42);
        assertEquals(List.of("000030", "000046"), large.stream().map(ManifestEntry::trackId).toList());
    }

    @Test
    void samplesTracksPerGenreWithTheSeed() throws Exception {
        DatasetSpec.Fma oneFolk = fma(null, List.of("Folk", "Hip-Hop"), 1);
        List<ManifestEntry> a = catalog.manifest(oneFolk, 7);
        assertEquals(2, a.size());
        assertEquals(List.of("Folk", "Hip-Hop"), a.stream().map(ManifestEntry::label).toList());
        assertEquals(a, catalog.manifest(oneFolk, 7), "same seed, same sample");
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            seen.add(catalog.manifest(oneFolk, seed).getFirst().trackId());
        }
        assertEquals(Set.of("000026", "000140"), seen, "every folk track gets drawn for some seed");
    }

    @Test
    void genreSpellingFollowsTheSpec() throws Exception {
        List<ManifestEntry> m = catalog.manifest(fma(null, List.of("hip-hop"), null), 1);
        assertEquals(4, m.size());
        assertTrue(m.stream().allMatch(e -> e.label().equals("hip-hop")));
    }

    @Test
    void metadataPathMayPointAtTracksCsv() throws Exception {
        Path elsewhere = root.resolve("meta/tracks-copy.csv");
        Files.createDirectories(elsewhere.getParent());
        Files.copy(root.resolve(FmaCatalog.METADATA), elsewhere);
        Files.delete(root.resolve(FmaCatalog.METADATA));
        DatasetSpec.Fma d = new DatasetSpec.Fma(root.toString(), "small", List.of("Rock"), null, elsewhere.toString());
        assertEquals(List.of("000046"), catalog.manifest(d, 1).stream().map(ManifestEntry::trackId).toList());
    }

    @Test
    void failuresNameThePathTheColumnOrTheGenre() throws Exception {
        DatasetException noGenre = assertThrows(DatasetException.class,
                () -> catalog.manifest(fma(null, List.of("Blues"), null), 1));
        assertTrue(noGenre.getMessage().contains("'Blues'"), noGenre.getMessage());

        DatasetException noPath = assertThrows(DatasetException.class, () -> catalog.manifest(
                new DatasetSpec.Fma(root.resolve("nowhere").toString(), null, null, null, null), 1));
        assertTrue(noPath.getMessage().contains(root.resolve("nowhere").toString()), noPath.getMessage());

        String[][] noSubset = {{"track", "title"}, {"artist", "name"}, {"track", "genre_top"}};
        writeTracksCsv(root.resolve(FmaCatalog.METADATA), noSubset, List.of(List.of("2", "Food", "AWOL", "Hip-Hop")));
        DatasetException noColumn = assertThrows(DatasetException.class,
                () -> catalog.manifest(fma(null, null, null), 1));
        assertTrue(noColumn.getMessage().contains("(set, subset)"), noColumn.getMessage());

        DatasetException badSubset = assertThrows(DatasetException.class,
                () -> catalog.manifest(fma("huge", null, null), 1));
        assertTrue(badSubset.getMessage().contains("'huge'"), badSubset.getMessage());
    }

    @Test
    void pythonListLiteralsParse() {
        assertEquals(List.of(), PythonListLiteral.parse("[]"));
        assertEquals(List.of(), PythonListLiteral.parse(""));
        assertEquals(List.of("76", "103"), PythonListLiteral.parse("[76, 103]"));
        assertEquals(List.of("rock", "indie"), PythonListLiteral.parse("['rock', 'indie']"));
        assertEquals(List.of("don't", "a, b", "it's \"x\""),
                PythonListLiteral.parse("[\"don't\", 'a, b', 'it\\'s \"x\"']"));
        assertThrows(IllegalArgumentException.class, () -> PythonListLiteral.parse("rock"));
    }

    private DatasetSpec.Fma fma(String subset, List<String> genres, Integer perGenre) {
        return new DatasetSpec.Fma(root.toString(), subset, genres, perGenre, null);
    }

    private static List<String> row(int id, String title, String album, String genres, String artist, String tags,
            String subset, String language, String genreTop) {
        return List.of(Integer.toString(id), title, album, "training", genres, artist, tags, subset, language,
                genreTop);
    }

    /** Header rows as pandas writes a two-level column index, then the index row, then the data. */
    private static void writeTracksCsv(Path file, String[][] columns, List<List<String>> rows) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> level0 = new ArrayList<>(List.of(""));
        List<String> level1 = new ArrayList<>(List.of(""));
        List<String> index = new ArrayList<>(List.of("track_id"));
        for (String[] c : columns) {
            level0.add(c[0]);
            level1.add(c[1]);
            index.add("");
        }
        try (Writer w = Files.newBufferedWriter(file); CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180)) {
            csv.printRecord(level0);
            csv.printRecord(level1);
            csv.printRecord(index);
            for (List<String> r : rows) {
                csv.printRecord(r);
            }
        }
    }

    private static void touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
    }
}
