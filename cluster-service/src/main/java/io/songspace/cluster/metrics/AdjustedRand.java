package io.songspace.cluster.metrics;

import smile.validation.metric.AdjustedRandIndex;
import smile.validation.metric.ContingencyTable;

/**
 * Adjusted Rand index with scikit-learn's ({@code adjusted_rand_score}) edge case: two labelings that are the same
 * partition score 1.0 (Smile returns NaN there, e.g. when both put every sample in one cluster); otherwise Smile's
 * value, which agrees with scikit-learn to 1e-9.
 */
public final class AdjustedRand {

    private AdjustedRand() {
    }

    public static double of(int[] truth, int[] predicted) {
        ContingencyTable table = new ContingencyTable(truth, predicted);
        return samePartition(table) ? 1.0 : AdjustedRandIndex.of(truth, predicted);
    }

    /** Every class falls in exactly one cluster and every cluster holds exactly one class. */
    static boolean samePartition(ContingencyTable table) {
        if (table.n1 != table.n2) {
            return false;
        }
        for (int[] row : table.table) {
            int nonZero = 0;
            for (int count : row) {
                nonZero += count > 0 ? 1 : 0;
            }
            if (nonZero != 1) {
                return false;
            }
        }
        return true;
    }
}
