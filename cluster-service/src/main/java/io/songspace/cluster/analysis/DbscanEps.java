package io.songspace.cluster.analysis;

import java.util.Arrays;

/**
 * Rules that choose DBSCAN's radius from the data, both built on the k-distance curve: every point's Euclidean
 * distance to its {@code minSamples}-th nearest neighbour, the point itself counted as the first (so with
 * minSamples = 5, the distance to the fourth other point), sorted ascending. A radius at or above a point's
 * k-distance makes that point a core point of {@link DbscanClustering} with the same minSamples.
 *
 * <p>The neighbour distances are exact, by brute force over all pairs: O(n² d) time, O(n · minSamples) memory
 * (20,000 points of 32 dimensions: a few seconds).
 */
public final class DbscanEps {

    private DbscanEps() {
    }

    /**
     * The knee of the k-distance curve: with both axes min-max normalised to [0, 1] (index i ↦ i/(n-1), distance
     * ↦ (d - d_min)/(d_max - d_min)), the sorted point farthest from the chord joining the curve's first and last
     * points; the first such point on a tie.
     */
    public static double knee(double[][] x, int minSamples) {
        double[] sorted = kDistances(x, minSamples);
        return sorted[kneeIndex(sorted)];
    }

    /**
     * The q-th percentile (0 <= q <= 100) of the k-distances, interpolated linearly between the two nearest ranks
     * as numpy's {@code percentile} does by default.
     */
    public static double percentile(double[][] x, int minSamples, double q) {
        if (!(q >= 0 && q <= 100)) {
            throw new IllegalArgumentException("percentile q must lie in [0, 100], got " + q);
        }
        double[] sorted = kDistances(x, minSamples);
        double position = (sorted.length - 1) * (q / 100);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double t = position - below;
        double a = sorted[below];
        double b = sorted[above];
        // numpy's _lerp: from the nearer end, so that t = 1 gives b exactly
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
    }

    /**
     * Index into the sorted k-distance curve of its knee (see {@link #knee}); 0 where the curve is flat or has
     * fewer than three points.
     */
    public static int kneeIndex(double[] sorted) {
        int n = sorted.length;
        double range = sorted[n - 1] - sorted[0];
        if (n < 3 || !(range > 0)) {
            return 0;
        }
        // The chord runs from (0, 0) to (1, 1): a point's distance from it is |x - y| / sqrt(2).
        int best = 0;
        double farthest = -1;
        for (int i = 0; i < n; i++) {
            double offset = Math.abs((double) i / (n - 1) - (sorted[i] - sorted[0]) / range);
            if (offset > farthest) {
                farthest = offset;
                best = i;
            }
        }
        return best;
    }

    /** Every point's distance to its minSamples-th nearest neighbour (itself the first), sorted ascending. */
    public static double[] kDistances(double[][] x, int minSamples) {
        int n = x.length;
        if (minSamples < 1 || minSamples > n) {
            throw new IllegalArgumentException("minSamples must lie in [1, n=" + n + "], got " + minSamples);
        }
        // the point itself is its first neighbour, at distance 0
        double[] distances = new double[n];
        if (minSamples > 1) {
            double[][] nearest = NearestNeighbours.of(x, minSamples - 1).squaredDistances();
            for (int i = 0; i < n; i++) {
                distances[i] = Math.sqrt(nearest[i][minSamples - 2]);
            }
        }
        Arrays.sort(distances);
        return distances;
    }
}
