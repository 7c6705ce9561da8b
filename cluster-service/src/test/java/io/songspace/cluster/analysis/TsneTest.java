package io.songspace.cluster.analysis;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Barnes-Hut t-SNE against its exact objective, and against scikit-learn 1.2.1's costs on the fixtures. */
class TsneTest {

    private static final TsneOptions SKLEARN = TsneOptions.defaults(30);

    @Test
    void exactGradientIsTheCostsDerivative() {
        // central differences of the cost along every coordinate of a random layout, theta 0 (exact)
        Blobs blobs = Blobs.of(60, 5, 3, 3.0, 9);
        Random random = new Random(4);
        double[][] y = new double[60][2];
        for (double[] row : y) {
            row[0] = 3 * random.nextGaussian();
            row[1] = 3 * random.nextGaussian();
        }
        double[][] grad = new double[60][2];
        TsneEmbedding.objective(blobs.x(), 10, 0, y, grad);
        double h = 1e-5;
        double worst = 0;
        double largest = 0;
        for (int i = 0; i < 60; i++) {
            for (int c = 0; c < 2; c++) {
                double keep = y[i][c];
                y[i][c] = keep + h;
                double up = TsneEmbedding.objective(blobs.x(), 10, 0, y, null);
                y[i][c] = keep - h;
                double down = TsneEmbedding.objective(blobs.x(), 10, 0, y, null);
                y[i][c] = keep;
                worst = Math.max(worst, Math.abs((up - down) / (2 * h) - grad[i][c]));
                largest = Math.max(largest, Math.abs(grad[i][c]));
            }
        }
        assertTrue(worst < 1e-6 * Math.max(1, largest), "largest gradient error " + worst + " of " + largest);
    }

    @Test
    void barnesHutGradientApproximatesTheExactOne() {
        // a random layout 30 units wide, where the quadtree summarises most cells and the forces do not cancel:
        // theta 0.5 keeps the gradient's error at a few %
        Blobs blobs = Blobs.of(300, 8, 4, 5.0, 2);
        Random random = new Random(8);
        double[][] y = new double[300][2];
        for (double[] row : y) {
            row[0] = 10 * random.nextGaussian();
            row[1] = 10 * random.nextGaussian();
        }
        double[][] exact = new double[300][2];
        double[][] approximate = new double[300][2];
        double exactCost = TsneEmbedding.objective(blobs.x(), 30, 0, y, exact);
        double approximateCost = TsneEmbedding.objective(blobs.x(), 30, 0.5, y, approximate);
        double error = 0;
        double norm = 0;
        for (int i = 0; i < 300; i++) {
            for (int c = 0; c < 2; c++) {
                error += Math.pow(approximate[i][c] - exact[i][c], 2);
                norm += Math.pow(exact[i][c], 2);
            }
        }
        assertTrue(Math.sqrt(error / norm) < 0.05, "relative gradient error " + Math.sqrt(error / norm));
        assertEquals(exactCost, approximateCost, 0.01 * exactCost, "Barnes-Hut's Z estimate");
    }

    @Test
    void barnesHutReachesTheCostOfExactTsne() {
        // the same objective minimised with exact repulsion (theta 0) and with Barnes-Hut: within 3 %
        for (long seed = 1; seed <= 2; seed++) {
            Blobs blobs = Blobs.of(250, 10, 5, 4.0, seed);
            TsneEmbedding exact = TsneEmbedding.fit(blobs.x(), SKLEARN.withTheta(0), 1);
            TsneEmbedding barnesHut = TsneEmbedding.fit(blobs.x(), SKLEARN, 1);
            double exactOfBarnesHut = TsneEmbedding.objective(blobs.x(), 30, 0, barnesHut.coordinates(), null);
            assertEquals(exact.cost(), exactOfBarnesHut, 0.03 * exact.cost(), "seed " + seed
                    + ": exact cost of the Barnes-Hut layout vs exact t-SNE's");
            assertEquals(exact.cost(), barnesHut.cost(), 0.03 * exact.cost(), "seed " + seed + ": reported costs");
        }
    }

    @Test
    void matchesScikitLearnsCostOnTheFixtures() throws IOException {
        ClusteringFixtures fixtures = ClusteringFixtures.load();
        List<Executable> checks = new ArrayList<>();
        for (String name : ClusteringFixtures.CASES) {
            JsonNode expected = fixtures.expected(name);
            double[][] x = fixtures.standardized(name);
            TsneEmbedding tsne = TsneEmbedding.fit(x, SKLEARN, 0);
            double reference = expected.get("tsne_kl_divergence").get("barnes_hut").asDouble();
            checks.add(() -> assertEquals(reference, tsne.cost(), 0.05 * reference,
                    name + ": KL divergence vs scikit-learn's Barnes-Hut"));
            checks.add(() -> assertEmbedded(tsne.coordinates(), x.length));
            int[] ward = fixtures.labels(name + ".ward_k" + expected.get("ward_k").asInt() + ".npy");
            // latent32's uniform noise points belong to no cluster: its agreement is lower
            double least = name.equals("blobs5") ? 0.99 : 0.9;
            double agreement = neighbourAgreement(tsne.coordinates(), ward, 10);
            checks.add(() -> assertTrue(agreement >= least, name + ": 10-NN label agreement " + agreement));
        }
        assertAll(checks);
    }

    @Test
    void embedsEdgeCases() {
        // two points; 40 copies of one point beside 40 spread ones; a single input dimension
        assertEmbedded(TsneEmbedding.fit(new double[][] {{0, 0}, {1, 1}}, SKLEARN, 1).coordinates(), 2);
        Random random = new Random(3);
        double[][] duplicates = new double[80][3];
        for (int i = 40; i < 80; i++) {
            duplicates[i] = new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
        }
        assertEmbedded(TsneEmbedding.fit(duplicates, SKLEARN, 1).coordinates(), 80);
        double[][] line = new double[50][1];
        for (int i = 0; i < 50; i++) {
            line[i][0] = i;
        }
        TsneEmbedding oneDimensional = TsneEmbedding.fit(line, SKLEARN, 1);
        assertEmbedded(oneDimensional.coordinates(), 50);
        assertTrue(Arrays.stream(oneDimensional.coordinates()).mapToDouble(r -> r[1]).distinct().count() > 1,
                "the second coordinate is seeded, not left at 0");
    }

    /** Share of points whose label is the majority label of their k nearest neighbours in the embedding. */
    static double neighbourAgreement(double[][] y, int[] labels, int k) {
        int n = y.length;
        int agree = 0;
        for (int i = 0; i < n; i++) {
            double[] d = new double[n];
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) {
                d[j] = Math.hypot(y[i][0] - y[j][0], y[i][1] - y[j][1]);
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
            int[] votes = new int[Arrays.stream(labels).max().orElse(0) + 1];
            for (int m = 1; m <= k; m++) {
                votes[labels[order[m]]]++;
            }
            int best = 0;
            for (int l = 1; l < votes.length; l++) {
                if (votes[l] > votes[best]) {
                    best = l;
                }
            }
            agree += best == labels[i] ? 1 : 0;
        }
        return (double) agree / n;
    }

    private static void assertEmbedded(double[][] y, int n) {
        assertEquals(n, y.length);
        for (double[] row : y) {
            assertEquals(2, row.length);
            assertTrue(Double.isFinite(row[0]) && Double.isFinite(row[1]), Arrays.toString(row));
        }
    }
}
