package io.songspace.feature.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.dataset.DatasetRoots;
import io.songspace.common.events.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenreFolderDatasetTest {

    @TempDir
    Path root;

    /** @TempDir folders are made under the JVM's temporary directory: the root of these datasets. */
    private final GenreFolderDataset folder = new GenreFolderDataset(new DatasetFiles(null, Path.of("unused"),
            new DatasetRoots(List.of(Path.of(System.getProperty("java.io.tmpdir"))))), new ObjectMapper());

    @Test
    void everyVisibleFileInAGenreFolderIsATrack() throws Exception {
        touch("blues/blues.00000.wav");
        touch("blues/blues.00001.au");
        touch("blues/.DS_Store");
        touch("blues/notes.txt");
        touch("metal/live/song one.mp3");
        touch("metal/.hidden/ghost.wav");
        touch("README.md");
        List<ManifestEntry> m = folder.resolve(dataset(null, null), 1).manifest();
        assertEquals(List.of("blues-blues.00000", "blues-blues.00001", "blues-notes", "metal-live_song_one"),
                m.stream().map(ManifestEntry::trackId).toList());
        assertEquals(List.of("blues", "blues", "blues", "metal"), m.stream().map(ManifestEntry::label).toList());
        assertEquals(null, m.getLast().title(), "no sidecar, no metadata: the text stage uses the file name");
        assertEquals(root.resolve("metal/live/song one.mp3").toUri().toString(), m.getLast().source());
    }

    @Test
    void aSidecarGivesItsTrackTextAndIsNoTrackItself() throws Exception {
        touch("folk/river.wav");
        Files.writeString(root.resolve("folk/river.json"), """
                {"title": "River", "artist": "Anna Lind", "tags": "acoustic, calm ,", "lyrics": "down by the water",
                 "genre": "never read"}""");
        touch("folk/hill.wav");
        Files.writeString(root.resolve("folk/hill.json"), "{\"tags\": [\"lo-fi\", \" \"]}");
        touch("folk/broken.wav");
        Files.writeString(root.resolve("folk/broken.json"), "{not json");
        List<ManifestEntry> m = folder.resolve(dataset(null, null), 1).manifest();
        assertEquals(List.of("folk-broken", "folk-hill", "folk-river"), m.stream().map(ManifestEntry::trackId).toList());
        ManifestEntry river = m.get(2);
        assertEquals(List.of("River", "Anna Lind", List.of("acoustic", "calm"), "down by the water"),
                List.of(river.title(), river.artist(), river.tags(), river.lyrics()));
        assertEquals(List.of("lo-fi"), m.get(1).tags());
        assertEquals(null, m.getFirst().title(), "an unreadable sidecar is left out, the track stays");
    }

    @Test
    void genresAndTracksPerGenreSelect() throws Exception {
        for (int i = 0; i < 5; i++) {
            touch("jazz/j" + i + ".wav");
            touch("rock/r" + i + ".wav");
        }
        touch("pop/p0.wav");
        List<ManifestEntry> m = folder.resolve(dataset(List.of("Rock", "jazz"), 2), 3).manifest();
        assertEquals(List.of("Rock", "Rock", "jazz", "jazz"), m.stream().map(ManifestEntry::label).toList());
        assertEquals(m, folder.resolve(dataset(List.of("Rock", "jazz"), 2), 3).manifest(), "seeded");
        DatasetException missing = assertThrows(DatasetException.class,
                () -> folder.resolve(dataset(List.of("blues"), null), 1));
        assertTrue(missing.getMessage().contains("'blues'"), missing.getMessage());
    }

    @Test
    void missingOrEmptyFoldersFailNamingThePath() throws Exception {
        DatasetException none = assertThrows(DatasetException.class, () -> folder.resolve(
                new DatasetSpec.Folder(root.resolve("absent").toString(), null, null), 1));
        assertTrue(none.getMessage().contains(root.resolve("absent").toString()), none.getMessage());
        touch("loose.wav");
        DatasetException empty = assertThrows(DatasetException.class, () -> folder.resolve(dataset(null, null), 1));
        assertTrue(empty.getMessage().contains("no tracks"), empty.getMessage());
    }

    @Test
    void theDatasetAndEveryFileInItMustLieInADatasetRoot() throws Exception {
        Path collection = root.resolve("collection");
        touch("collection/rock/song.wav");
        touch("private/secret.wav");
        Path leak = Files.createSymbolicLink(collection.resolve("rock/leak.wav"), root.resolve("private/secret.wav"));
        GenreFolderDataset confined = new GenreFolderDataset(new DatasetFiles(null, Path.of("unused"),
                new DatasetRoots(List.of(collection))), new ObjectMapper());
        ResolvedDataset resolved = confined.resolve(new DatasetSpec.Folder(collection.toString(), null, null), 1);
        assertEquals(List.of("rock-leak", "rock-song"), resolved.manifest().stream().map(ManifestEntry::trackId).toList());
        assertEquals(List.of(new SkippedTrack("rock-leak", "links out of the dataset roots: " + leak)),
                resolved.unusable());

        Path outside = root.resolve("private");
        DatasetException refused = assertThrows(DatasetException.class,
                () -> confined.resolve(new DatasetSpec.Folder(outside.toString(), null, null), 1));
        assertEquals("dataset path " + outside + " must lie in a dataset root (" + collection.toRealPath()
                + ") after resolving '..' and links", refused.getMessage());
        DatasetException dotDot = assertThrows(DatasetException.class, () -> confined.resolve(
                new DatasetSpec.Folder(collection.resolve("../private").toString(), null, null), 1));
        assertTrue(dotDot.getMessage().contains("must lie in a dataset root"), dotDot.getMessage());
    }

    private DatasetSpec.Folder dataset(List<String> genres, Integer perGenre) {
        return new DatasetSpec.Folder(root.toString(), genres, perGenre);
    }

    private void touch(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {0});
    }
}
