package io.songspace.feature.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.dataset.DatasetRoots;
import io.songspace.common.events.DatasetSpec;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureTableDatasetTest {

    private static final String TABLE = """
            track_id,f1,label,f2,title,tags
            a,1.5,rock,2,Song A,loud;live
            b,abc,pop,3,Song B,
            c,2.5,rock,,Song C,
            d,-1e3,pop,4.25,"Song, D",x
            e,7,,8,,
            """;

    @TempDir
    Path dir;

    @Test
    void readsFeaturesLabelsAndMetadataAndSkipsBadRows() throws Exception {
        ResolvedDataset r = FeatureTableDataset.read(new StringReader(TABLE), "t.csv", table(null, null), 1);
        assertEquals(List.of("a", "b", "c", "d", "e"), r.manifest().stream().map(ManifestEntry::trackId).toList());
        assertEquals(new ManifestEntry("a", "rock", "Song A", null, List.of("loud", "live"), null, null, null),
                r.manifest().getFirst());
        assertEquals("Song, D", r.manifest().get(3).title());
        assertNull(r.manifest().get(4).label(), "an empty label is no label");
        FeatureTable t = r.table();
        assertEquals(List.of("f1", "f2"), t.columns());
        assertEquals(List.of("a", "d", "e"), t.rows().stream().map(FeatureTable.Row::trackId).toList());
        assertArrayEquals(new float[] {-1000f, 4.25f}, t.rows().get(1).values());
        assertEquals(List.of(
                new SkippedTrack("b", "non-numeric value in column 'f1' (line 3)"),
                new SkippedTrack("c", "missing value in column 'f2' (line 4)")), t.skipped());
    }

    @Test
    void withoutALabelColumnTheTracksAreUnlabelled() throws Exception {
        String csv = "id,x,y\nr1,1,2\nr2,3,4\n";
        ResolvedDataset r = FeatureTableDataset.read(new StringReader(csv), "u.csv",
                new DatasetSpec.Table("u.csv", "id", "label", null, null), 1);
        assertTrue(r.manifest().stream().allMatch(e -> e.label() == null));
        assertEquals(List.of("x", "y"), r.table().columns());
        assertEquals(2, r.table().rows().size());
        DatasetException genres = assertThrows(DatasetException.class, () -> FeatureTableDataset.read(
                new StringReader(csv), "u.csv",
                new DatasetSpec.Table("u.csv", "id", "label", List.of("rock"), null), 1));
        assertTrue(genres.getMessage().contains("no label column 'label'"), genres.getMessage());
    }

    @Test
    void genresSelectRowsInTheSpecOrder() throws Exception {
        ResolvedDataset r = FeatureTableDataset.read(new StringReader(TABLE), "t.csv",
                table(List.of("Pop", "Rock"), null), 1);
        assertEquals(List.of("b", "d", "a", "c"), r.manifest().stream().map(ManifestEntry::trackId).toList());
        assertEquals("Pop", r.manifest().getFirst().label());
        assertEquals(List.of("d", "a"), r.table().rows().stream().map(FeatureTable.Row::trackId).toList());
    }

    @Test
    void structuralProblemsFailNamingTheColumnOrPath() throws Exception {
        DatasetException noId = assertThrows(DatasetException.class, () -> FeatureTableDataset.read(
                new StringReader("key,f1\na,1\n"), "t.csv", table(null, null), 1));
        assertTrue(noId.getMessage().contains("no id column 'track_id'"), noId.getMessage());
        DatasetException duplicate = assertThrows(DatasetException.class, () -> FeatureTableDataset.read(
                new StringReader("track_id,f1\na,1\na,2\n"), "t.csv", table(null, null), 1));
        assertEquals("feature table t.csv: lines 2 and 3 have the same track_id", duplicate.getMessage());
        DatasetException noFeatures = assertThrows(DatasetException.class, () -> FeatureTableDataset.read(
                new StringReader("track_id,label\na,x\n"), "t.csv", table(null, null), 1));
        assertTrue(noFeatures.getMessage().contains("no feature columns"), noFeatures.getMessage());
        DatasetException badHeader = assertThrows(DatasetException.class, () -> FeatureTableDataset.read(
                new StringReader("track_id,f,f\na,1,2\n"), "t.csv", table(null, null), 1));
        assertEquals("feature table t.csv: columns 2 and 3 have the same name", badHeader.getMessage());

        FeatureTableDataset dataset = new FeatureTableDataset(new DatasetFiles(null, dir, new DatasetRoots(List.of(dir))));
        Path absent = dir.resolve("absent.csv");
        DatasetException noFile = assertThrows(DatasetException.class, () -> dataset.resolve(
                new DatasetSpec.Table(absent.toString(), null, null, null, null), 1));
        assertTrue(noFile.getMessage().contains(absent.toString()), noFile.getMessage());
        Path file = Files.writeString(dir.resolve("t.csv"), TABLE);
        assertEquals(5, dataset.resolve(new DatasetSpec.Table(file.toString(), null, null, null, null), 1).manifest().size());
    }

    private static DatasetSpec.Table table(List<String> genres, Integer perGenre) {
        return new DatasetSpec.Table("t.csv", null, null, genres, perGenre);
    }
}
