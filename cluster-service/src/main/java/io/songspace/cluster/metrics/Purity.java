package io.songspace.cluster.metrics;

import smile.validation.metric.ContingencyTable;

/**
 * Cluster purity: the sum over predicted clusters of the count of their most frequent true class, divided by N.
 * Written by hand (one line over Smile's contingency table): neither Smile nor scikit-learn has it.
 */
public final class Purity {

    private Purity() {
    }

    public static double of(int[] truth, int[] predicted) {
        ContingencyTable table = new ContingencyTable(truth, predicted);
        long majority = 0;
        for (int cluster = 0; cluster < table.n2; cluster++) {
            int best = 0;
            for (int[] row : table.table) {
                best = Math.max(best, row[cluster]);
            }
            majority += best;
        }
        return (double) majority / table.n;
    }
}
