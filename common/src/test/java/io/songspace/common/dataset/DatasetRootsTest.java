package io.songspace.common.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRootsTest {

    @TempDir
    Path dir;
    Path root;
    Path outside;
    DatasetRoots roots;

    @BeforeEach
    void layout() throws IOException {
        root = Files.createDirectories(dir.resolve("datasets"));
        outside = Files.createDirectories(dir.resolve("private"));
        Files.createDirectories(root.resolve("fma/fma_metadata"));
        Files.writeString(outside.resolve("secret.csv"), "track_id\n1\n");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("fma/inside"), root.resolve("fma/fma_metadata"));
        roots = new DatasetRoots(List.of(root));
    }

    @Test
    void pathsInARootAreAccepted() {
        assertEquals(Optional.empty(), roots.violation(root.resolve("fma").toString()));
        assertEquals(Optional.empty(), roots.violation(root.resolve("fma/fma_metadata/../fma_metadata").toString()));
        assertEquals(Optional.empty(), roots.violation(root.resolve("fma/inside").toString()), "a link within the root");
        assertEquals(Optional.empty(), roots.violation(root.resolve("not-yet/there.csv").toString()));
        assertEquals(Optional.empty(), roots.violation(root.toString()));
    }

    @Test
    void dotDotAndLinksOutOfTheRootAreRefused() {
        String expected = "must lie in a dataset root (" + roots.roots().getFirst() + ") after resolving '..' and links";
        assertEquals(Optional.of(expected), roots.violation(root.resolve("../private/secret.csv").toString()));
        assertEquals(Optional.of(expected), roots.violation(root.resolve("escape/secret.csv").toString()));
        assertEquals(Optional.of(expected), roots.violation(root.resolve("escape").toString()));
        assertEquals(Optional.of(expected), roots.violation("/etc/passwd"));
        assertEquals(Optional.of(expected), roots.violation("/"));
        // lexically "datasets/x.csv", but the file system goes through the link first: private/../x.csv
        assertEquals(Optional.of(expected), roots.violation(root.resolve("escape/../x.csv").toString()));
        // a sibling whose name starts with the root's
        assertEquals(Optional.of(expected), roots.violation(dir.resolve("datasets-other/a.csv").toString()));
    }

    @Test
    void relativePathsAndUnconfiguredRootsAreRefused() {
        assertEquals(Optional.of("must be an absolute path"), roots.violation("datasets/fma"));
        assertTrue(new DatasetRoots(List.of()).violation(root.toString()).orElseThrow()
                .startsWith("local datasets are not enabled here"));
    }

    @Test
    void aRootThatIsALinkIsResolvedToo() throws IOException {
        Path linkedRoot = Files.createSymbolicLink(dir.resolve("data"), root);
        DatasetRoots viaLink = new DatasetRoots(List.of(linkedRoot));
        assertEquals(Optional.empty(), viaLink.violation(root.resolve("fma").toString()));
        assertEquals(Optional.empty(), viaLink.violation(linkedRoot.resolve("fma").toString()));
        assertTrue(viaLink.violation(outside.toString()).isPresent());
    }
}
