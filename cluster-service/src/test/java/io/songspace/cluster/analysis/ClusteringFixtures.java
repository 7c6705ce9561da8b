package io.songspace.cluster.analysis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.npy.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The scikit-learn 1.2.1 clustering references ({@code clustering/} under the folder named by the system property
 * {@code songspace.fixtures}): each case's X, standardised as the references were (population std), and its
 * entry of expected.json. Tests using it are skipped, saying why, where the folder is absent.
 */
record ClusteringFixtures(Path dir, JsonNode cases) {

    static final String[] CASES = {"blobs5", "latent32"};

    static ClusteringFixtures load() throws IOException {
        String root = System.getProperty("songspace.fixtures");
        Path dir = root == null ? null : Path.of(root, "clustering");
        assumeTrue(dir != null && Files.isRegularFile(dir.resolve("expected.json")),
                "clustering fixtures not found (system property songspace.fixtures=" + root + "): skipping the "
                        + "scikit-learn comparison");
        return new ClusteringFixtures(dir, new ObjectMapper().readTree(dir.resolve("expected.json").toFile())
                .get("cases"));
    }

    JsonNode expected(String name) {
        return cases.get(name);
    }

    /** The case's X, standardised column by column: (x - mean) / population std. */
    double[][] standardized(String name) throws IOException {
        return standardize(Npy.read(Files.readAllBytes(dir.resolve(name + ".X.npy"))).toMatrix());
    }

    int[] labels(String file) throws IOException {
        return Npy.read(Files.readAllBytes(dir.resolve(file))).toInts();
    }

    static double[][] standardize(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[][] z = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= n;
            double variance = 0;
            for (double[] row : x) {
                variance += (row[j] - mean) * (row[j] - mean);
            }
            double std = Math.sqrt(variance / n);
            for (int i = 0; i < n; i++) {
                z[i][j] = std > 0 ? (x[i][j] - mean) / std : 0;
            }
        }
        return z;
    }

    /**
     * How many points break the label bijection that the earlier points set up: 0 exactly when the two labellings
     * are the same partition up to the names of the clusters, with noise (-1) only matched to noise.
     */
    static int partitionMismatches(int[] expected, int[] actual) {
        if (expected.length != actual.length) {
            return Math.max(expected.length, actual.length);
        }
        Map<Integer, Integer> forward = new HashMap<>();
        Map<Integer, Integer> backward = new HashMap<>();
        int mismatches = 0;
        for (int i = 0; i < expected.length; i++) {
            int e = expected[i] < 0 ? -1 : expected[i];
            int a = actual[i] < 0 ? -1 : actual[i];
            Integer f = forward.get(e);
            Integer b = backward.get(a);
            if (f == null && b == null && (e == -1) == (a == -1)) {
                forward.put(e, a);
                backward.put(a, e);
            } else if (f == null || b == null || f != a || b != e) {
                mismatches++;
            }
        }
        return mismatches;
    }
}
