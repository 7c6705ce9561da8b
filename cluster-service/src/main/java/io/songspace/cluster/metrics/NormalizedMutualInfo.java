package io.songspace.cluster.metrics;

import smile.validation.metric.ContingencyTable;
import smile.validation.metric.MutualInformation;
import smile.validation.metric.NormalizedMutualInformation;

/**
 * Normalized mutual information with the arithmetic-mean normalisation, I / ((H(truth) + H(predicted)) / 2), which
 * is scikit-learn's default ({@code normalized_mutual_info_score}) and Smile's {@code SUM} method. scikit-learn's
 * edge cases are kept: both labelings a single cluster score 1.0 (Smile: NaN), and zero mutual information, e.g.
 * one labeling a single cluster, scores 0.0.
 */
public final class NormalizedMutualInfo {

    private NormalizedMutualInfo() {
    }

    public static double of(int[] truth, int[] predicted) {
        ContingencyTable table = new ContingencyTable(truth, predicted);
        if (table.n1 == 1 && table.n2 == 1) {
            return 1.0;
        }
        if (table.n1 == 1 || table.n2 == 1 || MutualInformation.of(truth, predicted) <= 0) {
            return 0.0;
        }
        return NormalizedMutualInformation.sum(truth, predicted);
    }
}
