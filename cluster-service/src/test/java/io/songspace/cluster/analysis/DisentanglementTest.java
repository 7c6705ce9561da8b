package io.songspace.cluster.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Disentanglement figures on constructed latents whose answers are known in closed form. */
class DisentanglementTest {

    private static final double EXACT = 1e-12;

    /** Columns 1-7 of the 8×8 Sylvester-Hadamard matrix: ±1, zero mean, unit variance, mutually orthogonal. */
    private static double hadamard(int row, int column) {
        return Integer.bitCount(row & column) % 2 == 0 ? 1 : -1;
    }

    @Test
    void perfectlyCorrelatedPairsAndOrthogonalColumns() {
        // columns a, b, 2a + 3 (r(a, ·) = +1) and -b (r(b, ·) = -1); a ⟂ b (r = 0)
        double[][] mu = new double[8][4];
        for (int i = 0; i < 8; i++) {
            double a = hadamard(i, 1);
            double b = hadamard(i, 2);
            mu[i] = new double[] {a, b, 2 * a + 3, -b};
        }
        Disentanglement d = Disentanglement.of(mu, null);
        // |C| off the diagonal: four entries of 1 (two pairs, both orders) and eight of 0
        assertEquals(4.0 / 12, d.meanAbsOffDiagonalCorrelation(), EXACT);
        assertEquals(4.0 / 16, d.meanAbsCorrelationMinusIdentity(), EXACT);
        assertArrayEquals(new double[] {1, 1, 4, 1}, d.variances(), EXACT);
        assertEquals(1, d.varianceMin(), EXACT);
        assertEquals(1, d.varianceMedian(), EXACT);
        assertEquals(4, d.varianceMax(), EXACT);
        assertEquals(7.0 / 4, d.varianceMean(), EXACT);
        // population std of {1, 1, 4, 1}: deviations -0.75 (×3) and 2.25
        assertEquals(Math.sqrt((3 * 0.75 * 0.75 + 2.25 * 2.25) / 4), d.varianceStd(), EXACT);
        assertNull(d.meanKlPerDimension(), "no log-variances, no KL");
        assertNull(d.klPerDimension());
    }

    @Test
    void varianceStatisticsAndActiveDimensions() {
        // orthogonal ±scale columns: population variance scale², correlations exactly 0
        double[] variances = {0.005, 0.02, 0.08, 0.5, 2.0};
        double[][] mu = new double[8][variances.length];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < variances.length; j++) {
                mu[i][j] = 10 + Math.sqrt(variances[j]) * hadamard(i, j + 1);
            }
        }
        Disentanglement d = Disentanglement.of(mu, null);
        assertArrayEquals(variances, d.variances(), EXACT);
        assertEquals(0, d.meanAbsOffDiagonalCorrelation(), EXACT);
        assertEquals(0.005, d.varianceMin(), EXACT);
        assertEquals(0.08, d.varianceMedian(), EXACT);
        assertEquals(2.0, d.varianceMax(), EXACT);
        double mean = (0.005 + 0.02 + 0.08 + 0.5 + 2.0) / 5;
        assertEquals(mean, d.varianceMean(), EXACT);
        double spread = 0;
        for (double v : variances) {
            spread += (v - mean) * (v - mean);
        }
        assertEquals(Math.sqrt(spread / 5), d.varianceStd(), EXACT);
        assertEquals(4, d.activeDimensions01(), "variance > 0.01: 0.02, 0.08, 0.5, 2");
        assertEquals(2, d.activeDimensions10(), "variance > 0.1: 0.5, 2");

        // an even count: the median is the mean of the two middle variances
        double[][] four = new double[8][4];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                four[i][j] = Math.sqrt(variances[j + 1]) * hadamard(i, j + 1);
            }
        }
        assertEquals((0.08 + 0.5) / 2, Disentanglement.of(four, null).varianceMedian(), EXACT);
    }

    @Test
    void constantDimensionsCorrelateWithNothing() {
        // a collapsed dimension (all 0.1) beside a ±1 column and its double: only the pair correlates
        double[][] mu = new double[8][3];
        for (int i = 0; i < 8; i++) {
            mu[i] = new double[] {0.1, hadamard(i, 3), 2 * hadamard(i, 3)};
        }
        Disentanglement d = Disentanglement.of(mu, null);
        assertEquals(2.0 / 6, d.meanAbsOffDiagonalCorrelation(), EXACT, "only the pair's two entries are 1");
        assertEquals(2.0 / 9, d.meanAbsCorrelationMinusIdentity(), EXACT, "C - I is 0 on the diagonal");
        assertEquals(0, d.variances()[0], EXACT);
        assertEquals(2, d.activeDimensions10());
    }

    @Test
    void correlationsOfMixedGaussiansMatchTheirCovariance() {
        // x = A z with z ~ N(0, I): corr(x_j, x_k) = (A Aᵀ)_jk / sqrt((A Aᵀ)_jj (A Aᵀ)_kk);
        // the sampling error is about 1/sqrt(n) = 0.005
        double[][] a = {{1, 0, 0}, {0.6, 0.8, 0}, {0, 0, 3}};
        // A Aᵀ: x0·x1 = 0.6 with unit variances; x2 independent: |r| = 0.6 twice, 0 four times
        int n = 40_000;
        Random random = new Random(17);
        double[][] mu = new double[n][3];
        for (double[] row : mu) {
            double[] z = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            for (int j = 0; j < 3; j++) {
                row[j] = a[j][0] * z[0] + a[j][1] * z[1] + a[j][2] * z[2];
            }
        }
        Disentanglement d = Disentanglement.of(mu, null);
        assertEquals(2 * 0.6 / 6, d.meanAbsOffDiagonalCorrelation(), 0.01);
        assertEquals(2 * 0.6 / 9, d.meanAbsCorrelationMinusIdentity(), 0.01);
        assertEquals(1, d.variances()[0], 0.03);
        assertEquals(1, d.variances()[1], 0.03);
        assertEquals(9, d.variances()[2], 0.25);
    }

    @Test
    void klAgainstTheStandardNormalPrior() {
        // dimension 0: the prior itself (KL 0); 1: μ = ±1, σ² = 1 (KL 0.5);
        // 2: μ = 0, σ² = 2 (0.5 (2 - 1 - ln 2)); 3: μ = 0.5, σ² = e^-1 (0.5 (0.25 + e^-1 - 1 + 1))
        double[][] mu = new double[8][4];
        double[][] logVar = new double[8][4];
        for (int i = 0; i < 8; i++) {
            mu[i] = new double[] {0, hadamard(i, 1), 0, 0.5};
            logVar[i] = new double[] {0, 0, Math.log(2), -1};
        }
        Disentanglement d = Disentanglement.of(mu, logVar);
        double[] expected = {0, 0.5, 0.5 * (1 - Math.log(2)), 0.5 * (0.25 + Math.exp(-1))};
        assertArrayEquals(expected, d.klPerDimension(), EXACT);
        assertEquals((expected[0] + expected[1] + expected[2] + expected[3]) / 4, d.meanKlPerDimension(), EXACT);
    }

    @Test
    void rejectsMismatchedShapes() {
        double[][] mu = {{0, 1}, {1, 0}};
        assertThrows(IllegalArgumentException.class, () -> Disentanglement.of(mu, new double[][] {{0, 0}}));
        assertThrows(IllegalArgumentException.class, () -> Disentanglement.of(new double[][] {{0, 1}, {1}}, null));
        assertTrue(Double.isNaN(Disentanglement.of(new double[][] {{1}, {2}}, null).meanAbsOffDiagonalCorrelation()),
                "one dimension has no off-diagonal entries");
    }
}
