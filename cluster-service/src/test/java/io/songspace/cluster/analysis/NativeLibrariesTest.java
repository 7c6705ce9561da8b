package io.songspace.cluster.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.common.natives.NativeLibraryAudit;
import io.songspace.common.natives.NativeLibraryAudit.Opened;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The analyses open only the native libraries that the list names (Smile's OpenBLAS by its listed name). */
class NativeLibrariesTest {

    @Test
    void analysesOpenOnlyListedLibraries() throws Exception {
        List<Opened> opened = NativeLibraryAudit.opened(Exercise.class);
        assertTrue(opened.stream().anyMatch(o -> o.found() && o.name().equals("libopenblas.so")), "traced: " + opened);
        assertEquals(List.of(), NativeLibraryAudit.unlisted(Exercise.class), "opened but not in the list");
    }

    /** PCA, K-Means, t-SNE and UMAP on 120 random points. */
    public static final class Exercise {
        public static void main(String[] args) {
            SplittableRandom random = new SplittableRandom(7);
            double[][] x = new double[120][8];
            for (double[] row : x) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = random.nextGaussian();
                }
            }
            PcaFeatures.fit(x, 4);
            KMeansClustering.fit(x, 3, new KMeansOptions(2, 50, 1e-4), 7);
            TsneEmbedding.fit(x, new TsneOptions(10, 250, 200, 12), 7);
            UmapEmbedding.fit(x, new UmapOptions(10, 50, 0.1, 1, 5, 1, 1), 7);
        }
    }
}
