package io.songspace.cluster.analysis;

import java.util.Arrays;

/**
 * How disentangled and how used a latent space is, from an encoder's posterior means μ (n samples × d dimensions)
 * and, optionally, its log-variances log σ².
 *
 * <ul>
 *   <li>{@code meanAbsOffDiagonalCorrelation}: the mean |r| over the d(d-1) off-diagonal entries of the Pearson
 *       correlation matrix C of μ's columns (0: uncorrelated dimensions; NaN where d = 1, having none);</li>
 *   <li>{@code meanAbsCorrelationMinusIdentity}: mean(|C − I|) over all d² entries, the study's figure; with C's
 *       diagonal 1 it is the former times (d-1)/d;</li>
 *   <li>{@code variances}: each dimension's population variance of μ, with its {@code varianceMin},
 *       {@code varianceMedian} (the mean of the two middle values for even d), {@code varianceMax},
 *       {@code varianceMean} and {@code varianceStd} (population std over the d variances);</li>
 *   <li>{@code activeDimensions01} and {@code activeDimensions10}: dimensions whose μ variance exceeds 0.01 and 0.1
 *       (a collapsed dimension's means barely move from sample to sample);</li>
 *   <li>{@code klPerDimension}: per dimension j, the mean over samples of KL(N(μ, σ²) ‖ N(0, 1)) =
 *       0.5 (μ² + σ² − 1 − log σ²), and {@code meanKlPerDimension} their mean; both null without
 *       log-variances.</li>
 * </ul>
 *
 * <p>A constant dimension (every sample's μ the same) has no defined correlation with any other (numpy's
 * {@code corrcoef} gives nan there): here its off-diagonal correlations count as 0 and its diagonal entry as 1,
 * so it adds nothing to either correlation mean, while still counting among the d(d-1) and d² entries averaged.
 */
public record Disentanglement(double meanAbsOffDiagonalCorrelation, double meanAbsCorrelationMinusIdentity,
        double varianceMin, double varianceMedian, double varianceMax, double varianceMean, double varianceStd,
        int activeDimensions01, int activeDimensions10, Double meanKlPerDimension, double[] variances,
        double[] klPerDimension) {

    /**
     * @param mu posterior means, n × d, n >= 1
     * @param logVar posterior log-variances of the same shape, or null
     */
    public static Disentanglement of(double[][] mu, double[][] logVar) {
        int n = mu.length;
        if (n == 0 || mu[0].length == 0) {
            throw new IllegalArgumentException("latent means need at least one sample and one dimension");
        }
        int d = mu[0].length;
        for (double[] row : mu) {
            if (row.length != d) {
                throw new IllegalArgumentException("latent means are ragged: rows of " + d + " and " + row.length);
            }
        }
        if (logVar != null && (logVar.length != n || Arrays.stream(logVar).anyMatch(r -> r.length != d))) {
            throw new IllegalArgumentException("log-variances must have the means' shape " + n + "×" + d);
        }

        double[] mean = new double[d];
        for (double[] row : mu) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] centred = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[i][j] = mu[i][j] - mean[j];
            }
        }
        // co-moments Σ_i c_ij c_ik, upper triangle with the diagonal
        double[][] comoment = new double[d][d];
        for (double[] c : centred) {
            for (int j = 0; j < d; j++) {
                double cj = c[j];
                double[] out = comoment[j];
                for (int k = j; k < d; k++) {
                    out[k] += cj * c[k];
                }
            }
        }
        boolean[] constant = new boolean[d];
        double[] variances = new double[d];
        for (int j = 0; j < d; j++) {
            variances[j] = comoment[j][j] / n;
            constant[j] = true;
            for (double[] row : mu) {
                if (row[j] != mu[0][j]) {
                    constant[j] = false;
                    break;
                }
            }
        }
        double offDiagonalSum = 0;
        for (int j = 0; j < d; j++) {
            for (int k = j + 1; k < d; k++) {
                if (!constant[j] && !constant[k]) {
                    double r = comoment[j][k] / Math.sqrt(comoment[j][j] * comoment[k][k]);
                    offDiagonalSum += 2 * Math.min(1, Math.abs(r)); // C is symmetric: both entries
                }
            }
        }
        double meanAbsOffDiagonal = d > 1 ? offDiagonalSum / ((double) d * (d - 1)) : Double.NaN;
        double meanAbsMinusIdentity = offDiagonalSum / ((double) d * d);

        double[] sorted = variances.clone();
        Arrays.sort(sorted);
        double median = d % 2 == 1 ? sorted[d / 2] : (sorted[d / 2 - 1] + sorted[d / 2]) / 2;
        double varianceMean = Arrays.stream(variances).sum() / d;
        double spread = 0;
        for (double v : variances) {
            spread += (v - varianceMean) * (v - varianceMean);
        }
        int active01 = (int) Arrays.stream(variances).filter(v -> v > 0.01).count();
        int active10 = (int) Arrays.stream(variances).filter(v -> v > 0.1).count();

        double[] kl = null;
        Double meanKl = null;
        if (logVar != null) {
            kl = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double m = mu[i][j];
                    double lv = logVar[i][j];
                    kl[j] += 0.5 * (m * m + Math.exp(lv) - 1 - lv);
                }
            }
            for (int j = 0; j < d; j++) {
                kl[j] /= n;
            }
            meanKl = Arrays.stream(kl).sum() / d;
        }
        return new Disentanglement(meanAbsOffDiagonal, meanAbsMinusIdentity, sorted[0], median, sorted[d - 1],
                varianceMean, Math.sqrt(spread / d), active01, active10, meanKl, variances, kl);
    }
}
