package io.songspace.cluster.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** DBSCAN's and the radius rules' semantics on small constructed point sets with known answers. */
class DbscanTest {

    /** Five points on a line, one apart (distances exact in binary). */
    private static final double[][] LINE = {{0}, {1}, {2}, {3}, {4}};

    @Test
    void corePointsCountThemselvesAndTheRadiusIsInclusive() {
        // eps 1: the inner points have 3 points within reach (both neighbours at exactly 1, and themselves)
        Clusters three = DbscanClustering.fit(LINE, 3, 1.0);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, three.labels(), "ends are border points of the one cluster");
        assertEquals(1, three.clusterCount());
        Clusters four = DbscanClustering.fit(LINE, 4, 1.0);
        assertArrayEquals(new int[] {-1, -1, -1, -1, -1}, four.labels(), "no point has 4 within 1");
        assertEquals(5, four.noiseCount());
        assertEquals(0, four.clusterCount());
    }

    @Test
    void minSamplesOneMakesEveryPointCore() {
        Clusters c = DbscanClustering.fit(new double[][] {{0}, {1}, {5}, {5.5}, {9}}, 1, 1.0);
        assertEquals(3, c.clusterCount(), "{0, 1}, {5, 5.5} and {9} alone");
        assertEquals(0, c.noiseCount());
        assertEquals(c.labels()[0], c.labels()[1]);
        assertEquals(c.labels()[2], c.labels()[3]);
        assertEquals(3, java.util.Arrays.stream(c.labels()).distinct().count());
    }

    @Test
    void aBorderPointJoinsTheClusterGrownFirst() {
        // two dense groups at x = -1.5 and x = +1.5, and at the origin a border point within 1 of one core of each
        double[][] left = {{-1, 0}, {-1.5, 0}, {-2, 0}, {-1.5, 0.5}, {-1.5, -0.5}};
        double[][] right = {{1, 0}, {1.5, 0}, {2, 0}, {1.5, 0.5}, {1.5, -0.5}};
        double[][] leftFirst = concat(left, new double[][] {{0, 0}}, right);
        Clusters a = DbscanClustering.fit(leftFirst, 4, 1.0);
        assertEquals(2, a.clusterCount());
        assertEquals(a.labels()[0], a.labels()[5], "the left group, grown first, takes the border point");
        double[][] rightFirst = concat(right, new double[][] {{0, 0}}, left);
        Clusters b = DbscanClustering.fit(rightFirst, 4, 1.0);
        assertEquals(b.labels()[0], b.labels()[5], "now the right group is grown first");
    }

    @Test
    void epsRulesOnAKnownCurve() {
        // the 2nd-nearest distances (itself first) of the line: 1 for every point
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, DbscanEps.kDistances(LINE, 2));
        // 3rd nearest: 2 at both ends, 1 inside; sorted 1, 1, 1, 2, 2
        assertArrayEquals(new double[] {1, 1, 1, 2, 2}, DbscanEps.kDistances(LINE, 3));
        // numpy: np.percentile([1, 1, 1, 2, 2], 90) = 2; 50 -> 1; 70 -> position 2.8 -> 1 + 0.8
        assertEquals(2, DbscanEps.percentile(LINE, 3, 90), 1e-12);
        assertEquals(1, DbscanEps.percentile(LINE, 3, 50), 1e-12);
        assertEquals(1.8, DbscanEps.percentile(LINE, 3, 70), 1e-12);
        // normalised curve: x = 0, .25, .5, .75, 1; y = 0, 0, 0, 1, 1: |x - y| largest (0.5) at index 2
        assertEquals(2, DbscanEps.kneeIndex(new double[] {1, 1, 1, 2, 2}));
        assertEquals(1, DbscanEps.knee(LINE, 3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> DbscanEps.percentile(LINE, 3, 101));
        assertThrows(IllegalArgumentException.class, () -> DbscanEps.kDistances(LINE, 6));
    }

    @Test
    void clustersOfCountsAndRenames() {
        Clusters c = Clusters.of(new int[] {7, -1, 7, 3, -5, 3, 9});
        assertArrayEquals(new int[] {0, -1, 0, 1, -1, 1, 2}, c.labels());
        assertEquals(3, c.clusterCount());
        assertEquals(2, c.noiseCount());
        assertArrayEquals(new int[] {2, 2, 1}, c.sizes());
    }

    @Test
    void partitionComparisonSeesOnlyRealDifferences() {
        assertEquals(0, ClusteringFixtures.partitionMismatches(new int[] {0, 0, 1, -1}, new int[] {5, 5, 2, -1}));
        assertEquals(1, ClusteringFixtures.partitionMismatches(new int[] {0, 0, 1, -1}, new int[] {5, 2, 2, -1}));
        assertEquals(1, ClusteringFixtures.partitionMismatches(new int[] {0, 0, 1, -1}, new int[] {5, 5, 2, 3}));
    }

    private static double[][] concat(double[][]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(double[][]::new);
    }
}
