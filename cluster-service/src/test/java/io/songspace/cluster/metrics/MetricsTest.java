package io.songspace.cluster.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The metrics on small inputs whose values are known by hand or by invariance. */
class MetricsTest {

    private static final double EXACT = 1e-12;

    /** Two 1-D clusters {0, 1} and {4, 5}. */
    private static final double[][] LINE = {{0}, {1}, {4}, {5}};
    private static final int[] LINE_LABELS = {0, 0, 1, 1};

    @Test
    void internalScoresOfTwoClustersOnALine() {
        // a = 1 for every point; b = 4.5 for the outer points, 3.5 for the inner: s = 7/9 and 5/7
        assertEquals((7.0 / 9 + 5.0 / 7) / 2, Silhouette.of(LINE, LINE_LABELS), EXACT);
        // between = 2·2² + 2·2² = 16, within = 4·0.5² = 1, CH = 16·(4-2) / (1·(2-1))
        assertEquals(32.0, CalinskiHarabasz.of(LINE, LINE_LABELS), EXACT);
        // spreads 0.5 and 0.5, centroids 4 apart
        assertEquals(0.25, DaviesBouldin.of(LINE, LINE_LABELS), EXACT);
    }

    @Test
    void externalScoresOfASplitCluster() {
        int[] truth = {0, 0, 0, 1, 1, 1};
        int[] predicted = {0, 0, 1, 1, 2, 2};
        // pairs together in both: 2; per class: 3+3; per cluster: 1+1+1; of 15 pairs: expected 6·3/15 = 1.2
        assertEquals((2 - 1.2) / ((6 + 3) / 2.0 - 1.2), AdjustedRand.of(truth, predicted), EXACT);
        assertEquals(5.0 / 6, Purity.of(truth, predicted), EXACT);
        double mi = 2 * (2.0 / 6) * Math.log((2.0 / 6) / (0.5 * 2 / 6)) + 2 * (1.0 / 6) * Math.log((1.0 / 6) / (0.5 * 2 / 6));
        double hTruth = Math.log(2);
        double hPredicted = Math.log(3);
        assertEquals(mi / ((hTruth + hPredicted) / 2), NormalizedMutualInfo.of(truth, predicted), EXACT);
    }

    @Test
    void perfectClusteringScoresOneWhateverTheClusterNames() {
        int[] truth = {0, 0, 1, 1, 2, 2, 2};
        int[] renamed = {7, 7, -1, -1, 3, 3, 3};
        assertEquals(1.0, AdjustedRand.of(truth, renamed), EXACT);
        assertEquals(1.0, NormalizedMutualInfo.of(truth, renamed), EXACT);
        assertEquals(1.0, Purity.of(truth, renamed), EXACT);
    }

    @Test
    void scoresDoNotDependOnHowClustersAreNumbered() {
        Random random = new Random(3);
        int n = 120;
        double[][] x = new double[n][3];
        int[] truth = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i % 4;
            predicted[i] = random.nextInt(10) < 8 ? truth[i] : random.nextInt(4);
            for (int j = 0; j < 3; j++) {
                x[i][j] = random.nextGaussian() + 3 * predicted[i] * (j == 0 ? 1 : 0);
            }
        }
        int[] permutation = {2, 0, 3, 1};
        int[] permuted = new int[n];
        for (int i = 0; i < n; i++) {
            permuted[i] = permutation[predicted[i]];
        }
        ClusteringScores a = ClusteringScores.of(x, predicted, truth);
        ClusteringScores b = ClusteringScores.of(x, permuted, truth);
        assertEquals(a.silhouette(), b.silhouette(), 1e-12);
        assertEquals(a.calinskiHarabasz(), b.calinskiHarabasz(), 1e-9);
        assertEquals(a.daviesBouldin(), b.daviesBouldin(), 1e-12);
        assertEquals(a.ari(), b.ari(), 1e-12);
        assertEquals(a.nmi(), b.nmi(), 1e-12);
        assertEquals(a.purity(), b.purity(), 1e-12);
        // ARI and NMI are symmetric in their two labelings
        assertEquals(AdjustedRand.of(truth, predicted), AdjustedRand.of(predicted, truth), 1e-12);
        assertEquals(NormalizedMutualInfo.of(truth, predicted), NormalizedMutualInfo.of(predicted, truth), 1e-12);
    }

    @Test
    void edgeCasesFollowScikitLearn() {
        int[] one = {0, 0, 0, 0};
        int[] two = {0, 0, 1, 1};
        assertEquals(1.0, NormalizedMutualInfo.of(one, one));
        assertEquals(1.0, AdjustedRand.of(one, one));
        assertEquals(0.0, NormalizedMutualInfo.of(one, two));
        assertEquals(0.0, AdjustedRand.of(one, two), EXACT);
        int[] singletons = {0, 1, 2, 3};
        assertEquals(1.0, AdjustedRand.of(singletons, new int[] {5, 6, 7, 8}));
        // a sample alone in its cluster scores 0: {4} and {5} here; 0 and 1 have a = 1 and b = 4 and 3
        double[][] x = {{0}, {1}, {4}, {5}};
        assertEquals((3.0 / 4 + 2.0 / 3) / 4, Silhouette.of(x, new int[] {0, 0, 1, 2}), EXACT);
        assertThrows(IllegalArgumentException.class, () -> Silhouette.of(x, one));
        assertThrows(IllegalArgumentException.class, () -> CalinskiHarabasz.of(x, singletons));
        assertThrows(IllegalArgumentException.class, () -> DaviesBouldin.of(x, one));
    }

    @Test
    void noiseLabelIsOneMoreCluster() {
        double[][] x = {{0}, {1}, {4}, {5}, {20}, {21}};
        int[] withNoise = {0, 0, 1, 1, -1, -1};
        int[] asCluster = {0, 0, 1, 1, 2, 2};
        assertEquals(Silhouette.of(x, asCluster), Silhouette.of(x, withNoise), EXACT);
        assertEquals(DaviesBouldin.of(x, asCluster), DaviesBouldin.of(x, withNoise), EXACT);
    }

    @Test
    void scoresOfAClusteringWithNoiseUseEveryTrackExternallyAndTheClusteredOnesInternally() {
        double[][] x = {{0}, {1}, {4}, {5}, {20}, {21}};
        int[] withNoise = {0, 0, 1, 1, -1, -1};
        int[] truth = {0, 0, 1, 1, 2, 2};
        ClusteringScores s = ClusteringScores.of(x, withNoise, truth);
        assertEquals(2, s.clusters());
        assertEquals(2, s.noise());
        double[][] clustered = {{0}, {1}, {4}, {5}};
        int[] clusteredLabels = {0, 0, 1, 1};
        assertEquals(Silhouette.of(clustered, clusteredLabels), s.silhouette(), EXACT);
        assertEquals(CalinskiHarabasz.of(clustered, clusteredLabels), s.calinskiHarabasz(), EXACT);
        assertEquals(DaviesBouldin.of(clustered, clusteredLabels), s.daviesBouldin(), EXACT);
        assertEquals(1.0, s.ari(), EXACT, "noise as one more cluster matches the third class exactly");
        assertEquals(1.0, s.purity(), EXACT);
        ClusteringScores oneCluster = ClusteringScores.of(x, new int[] {0, 0, 0, -1, -1, -1}, truth);
        assertEquals(1, oneCluster.clusters());
        assertEquals(3, oneCluster.noise());
        assertNull(oneCluster.silhouette(), "fewer than two clusters: no internal scores, not a failure");
        assertEquals(AdjustedRand.of(truth, new int[] {0, 0, 0, -1, -1, -1}), oneCluster.ari(), EXACT);
    }

    @Test
    void unlabelledSamplesAreLeftOutOfExternalScores() {
        int[] predicted = {0, 0, 1, 1};
        ClusteringScores none = ClusteringScores.of(LINE, predicted, new int[] {-1, -1, -1, -1});
        assertNull(none.ari());
        assertNull(none.nmi());
        assertNull(none.purity());
        assertEquals(Silhouette.of(LINE, predicted), none.silhouette());
        ClusteringScores partly = ClusteringScores.of(LINE, predicted, new int[] {0, -1, 1, -1});
        assertEquals(1.0, partly.ari());
        assertEquals(1.0, partly.purity());
        ClusteringScores single = ClusteringScores.of(LINE, new int[] {0, 0, 0, 0}, LINE_LABELS);
        assertEquals(1, single.clusters());
        assertNull(single.silhouette());
        assertNull(single.calinskiHarabasz());
        assertNull(single.daviesBouldin());
    }
}
