package io.songspace.cluster.analysis;

import io.songspace.common.natives.NativeLibrary;
import smile.feature.extraction.PCA;
import smile.tensor.DenseMatrix;

/**
 * Samples projected on their first principal components (Smile's PCA, by SVD of the centred data), with the share
 * of the total variance that each kept component explains, largest first. Each component's sign is fixed so that
 * its largest-magnitude loading is positive (scikit-learn's convention), so the features do not flip between
 * LAPACK builds.
 */
public record PcaFeatures(double[][] features, double[] varianceProportion) {

    /** @param components how many to keep; capped at the feature dimension */
    public static PcaFeatures fit(double[][] x, int components) {
        int d = x[0].length;
        int p = Math.min(components, d);
        if (p < 1) {
            throw new IllegalArgumentException("PCA needs at least one component, got " + components);
        }
        NativeLibrary.OPENBLAS.open(); // Smile's LAPACK binding opens it in a static initializer: fail here, clearly
        PCA pca = PCA.fit(x);
        double[][] features = pca.getProjection(p).apply(x);
        DenseMatrix loadings = pca.loadings();
        double[] proportion = new double[p];
        for (int c = 0; c < p; c++) {
            proportion[c] = pca.varianceProportion().get(c);
            int largest = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(loadings.get(j, c)) > Math.abs(loadings.get(largest, c))) {
                    largest = j;
                }
            }
            if (loadings.get(largest, c) < 0) {
                for (double[] row : features) {
                    row[c] = -row[c];
                }
            }
        }
        return new PcaFeatures(features, proportion);
    }
}
