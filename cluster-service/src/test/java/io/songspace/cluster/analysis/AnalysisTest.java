package io.songspace.cluster.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.cluster.metrics.AdjustedRand;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** K-Means, PCA, t-SNE and UMAP on seeded synthetic data. */
class AnalysisTest {

    private static final KMeansOptions KMEANS = new KMeansOptions(10, 300, 1e-4);
    private static final TsneOptions TSNE = new TsneOptions(30, 1000, 200, 12);
    private static final UmapOptions UMAP = new UmapOptions(15, 200, 0.1, 1.0, 5, 1.0, 1.0);

    @Test
    void kMeansRecoversWellSeparatedBlobs() {
        Blobs blobs = Blobs.of(300, 8, 4, 6.0, 1);
        KMeansClustering clustering = KMeansClustering.fit(blobs.x(), 4, KMEANS, 42);
        assertEquals(300, clustering.assignments().length);
        assertTrue(AdjustedRand.of(blobs.labels(), clustering.assignments()) > 0.95,
                "ARI " + AdjustedRand.of(blobs.labels(), clustering.assignments()));
    }

    @Test
    void kMeansIsDeterministicForASeed() {
        // overlapping blobs, where different starts do end in different partitions
        Blobs blobs = Blobs.of(200, 4, 5, 1.5, 2);
        KMeansOptions oneStart = new KMeansOptions(1, 300, 1e-4);
        int[] first = KMeansClustering.fit(blobs.x(), 5, oneStart, 7).assignments();
        assertArrayEquals(first, KMeansClustering.fit(blobs.x(), 5, oneStart, 7).assignments());
        boolean seedMatters = false;
        for (long seed = 8; seed < 20 && !seedMatters; seed++) {
            seedMatters = !Arrays.equals(first, KMeansClustering.fit(blobs.x(), 5, oneStart, seed).assignments());
        }
        assertTrue(seedMatters, "the seed should choose the k-means++ starts");
        double best = KMeansClustering.fit(blobs.x(), 5, KMEANS, 7).distortion();
        assertTrue(best <= KMeansClustering.fit(blobs.x(), 5, oneStart, 7).distortion() + 1e-12,
                "ten restarts keep the lowest distortion");
    }

    @Test
    void pcaComponentsComeInOrderOfVariance() {
        Random random = new Random(5);
        double[] scales = {1, 5, 0.2, 3};
        double[][] x = new double[500][4];
        for (double[] row : x) {
            for (int j = 0; j < 4; j++) {
                row[j] = scales[j] * random.nextGaussian();
            }
        }
        PcaFeatures pca = PcaFeatures.fit(x, 3);
        assertEquals(3, pca.features()[0].length);
        double[] variance = new double[3];
        for (double[] row : pca.features()) {
            for (int c = 0; c < 3; c++) {
                variance[c] += row[c] * row[c] / x.length;
            }
        }
        assertTrue(variance[0] > variance[1] && variance[1] > variance[2], Arrays.toString(variance));
        assertTrue(pca.varianceProportion()[0] > pca.varianceProportion()[1]
                && pca.varianceProportion()[1] > pca.varianceProportion()[2]);
        // the variances are about 25, 9 and 1 of a total of 35.04
        assertEquals(25 / 35.04, pca.varianceProportion()[0], 0.05);
        assertEquals(9 / 35.04, pca.varianceProportion()[1], 0.05);
        assertEquals(4, PcaFeatures.fit(x, 32).features()[0].length, "capped at the feature dimension");
    }

    @Test
    void tsneEmbedsEveryPointDeterministically() {
        Blobs blobs = Blobs.of(150, 10, 3, 8.0, 3);
        TsneEmbedding first = TsneEmbedding.fit(blobs.x(), TSNE, 11);
        assertShape(first.coordinates(), 150);
        assertEquals(30, first.perplexity());
        assertTrue(Arrays.deepEquals(first.coordinates(), TsneEmbedding.fit(blobs.x(), TSNE, 11).coordinates()));
        assertSeparated(first.coordinates(), blobs.labels(), 3);
        // the PCA start is deterministic; a random start is drawn from the seed
        TsneOptions random = TSNE.withInit(TsneOptions.Init.RANDOM);
        double[][] seeded = TsneEmbedding.fit(blobs.x(), random, 11).coordinates();
        assertTrue(Arrays.deepEquals(seeded, TsneEmbedding.fit(blobs.x(), random, 11).coordinates()));
        assertTrue(!Arrays.deepEquals(seeded, TsneEmbedding.fit(blobs.x(), random, 12).coordinates()));
        assertSeparated(seeded, blobs.labels(), 3);
    }

    @Test
    void tsneCapsThePerplexityForSmallInputs() {
        // 10 points: perplexity (n-1)/3 = 3, over min(9, 3·3 + 1) neighbours
        Blobs blobs = Blobs.of(10, 10, 2, 5.0, 4);
        TsneEmbedding tsne = TsneEmbedding.fit(blobs.x(), TSNE, 1);
        assertEquals(3.0, tsne.perplexity());
        assertShape(tsne.coordinates(), 10);
    }

    @Test
    void umapEmbedsEveryPointDeterministically() {
        Blobs blobs = Blobs.of(240, 6, 3, 4.0, 6);
        UmapEmbedding first = UmapEmbedding.fit(blobs.x(), UMAP, 21);
        assertShape(first.coordinates(), 240);
        assertEquals(15, first.neighbors());
        assertTrue(Arrays.deepEquals(first.coordinates(), UmapEmbedding.fit(blobs.x(), UMAP, 21).coordinates()));
        assertTrue(!Arrays.deepEquals(first.coordinates(), UmapEmbedding.fit(blobs.x(), UMAP, 22).coordinates()));
        assertSeparated(first.coordinates(), blobs.labels(), 3);
    }

    @Test
    void umapEmbedsEveryPointOfADisconnectedGraph() {
        // blobs 100 standard deviations apart: the 15-NN graph has three components (Smile 2.x/3.x kept only one)
        Blobs blobs = Blobs.of(90, 5, 3, 100.0, 8);
        UmapEmbedding umap = UmapEmbedding.fit(blobs.x(), UMAP, 3);
        assertShape(umap.coordinates(), 90);
        assertSeparated(umap.coordinates(), blobs.labels(), 3);
        assertEquals(4, UmapEmbedding.fit(Arrays.copyOf(blobs.x(), 5), UMAP, 3).neighbors(), "capped below n");
    }

    @Test
    void umapCurveMatchesUmapLearn() {
        // umap-learn's find_ab_params(1.0, 0.1) gives a = 1.577, b = 0.895
        double[] ab = UmapEmbedding.curve(1.0, 0.1);
        assertEquals(1.577, ab[0], 0.02);
        assertEquals(0.895, ab[1], 0.01);
    }

    private static void assertShape(double[][] y, int n) {
        assertEquals(n, y.length);
        for (double[] row : y) {
            assertEquals(2, row.length);
            assertTrue(Double.isFinite(row[0]) && Double.isFinite(row[1]), Arrays.toString(row));
        }
    }

    /** K-Means on the 2-D embedding finds the original blobs again. */
    private static void assertSeparated(double[][] y, int[] labels, int k) {
        int[] found = KMeansClustering.fit(y, k, KMEANS, 1).assignments();
        double ari = AdjustedRand.of(labels, found);
        assertTrue(ari > 0.95, "ARI of the embedding's clusters: " + ari);
    }
}
