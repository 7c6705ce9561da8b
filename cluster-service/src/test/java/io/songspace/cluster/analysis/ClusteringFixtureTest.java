package io.songspace.cluster.analysis;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Ward clustering, the DBSCAN radius rules and DBSCAN against scikit-learn 1.2.1 on the clustering fixtures
 * (blobs5, 400×12; latent32, 520×32), each standardised first. Partitions must be equal up to the names of the
 * clusters (noise only as noise); radii to 1e-9 relative. Skipped where the fixtures are absent.
 */
class ClusteringFixtureTest {

    private static final double EPS_TOLERANCE = 1e-9;
    private static final int MIN_SAMPLES = 5;

    @Test
    void wardPartitionEqualsScikitLearns() throws IOException {
        ClusteringFixtures fixtures = ClusteringFixtures.load();
        List<Executable> checks = new ArrayList<>();
        for (String name : ClusteringFixtures.CASES) {
            JsonNode expected = fixtures.expected(name);
            int k = expected.get("ward_k").asInt();
            int[] reference = fixtures.labels(name + ".ward_k" + k + ".npy");
            Clusters ward = WardClustering.fit(fixtures.standardized(name), k);
            checks.add(() -> assertEquals(k, ward.clusterCount(), name + ": clusters"));
            checks.add(() -> assertEquals(0, ward.noiseCount(), name + ": Ward leaves no noise"));
            checks.add(() -> assertArrayEquals(sortedSizes(expected.get("ward_cluster_sizes")),
                    Arrays.stream(ward.sizes()).sorted().toArray(), name + ": cluster sizes"));
            checks.add(() -> assertEquals(0, ClusteringFixtures.partitionMismatches(reference, ward.labels()),
                    name + ": points off scikit-learn's Ward partition"));
        }
        assertAll(checks);
    }

    @Test
    void epsRulesEqualScikitLearnsReference() throws IOException {
        ClusteringFixtures fixtures = ClusteringFixtures.load();
        List<Executable> checks = new ArrayList<>();
        for (String name : ClusteringFixtures.CASES) {
            JsonNode expected = fixtures.expected(name);
            double[][] x = fixtures.standardized(name);
            double knee = DbscanEps.knee(x, MIN_SAMPLES);
            double p90 = DbscanEps.percentile(x, MIN_SAMPLES, 90);
            double expectedKnee = expected.get("eps_knee").asDouble();
            double expectedP90 = expected.get("eps_p90").asDouble();
            checks.add(() -> assertEquals(expectedKnee, knee, expectedKnee * EPS_TOLERANCE, name + ": eps knee"));
            checks.add(() -> assertEquals(expectedP90, p90, expectedP90 * EPS_TOLERANCE, name + ": eps p90"));
            checks.add(() -> assertEquals(expected.get("knee_index").asInt(),
                    DbscanEps.kneeIndex(DbscanEps.kDistances(x, MIN_SAMPLES)), name + ": knee index"));
        }
        assertAll(checks);
    }

    @Test
    void dbscanPartitionsEqualScikitLearns() throws IOException {
        ClusteringFixtures fixtures = ClusteringFixtures.load();
        List<Executable> checks = new ArrayList<>();
        for (String name : ClusteringFixtures.CASES) {
            JsonNode expected = fixtures.expected(name);
            double[][] x = fixtures.standardized(name);
            for (String rule : new String[] {"knee", "p90"}) {
                double eps = expected.get("eps_" + rule).asDouble();
                int[] reference = fixtures.labels(name + ".dbscan_" + rule + ".npy");
                Clusters dbscan = DbscanClustering.fit(x, MIN_SAMPLES, eps);
                String what = name + " DBSCAN(" + rule + ", eps=" + eps + ")";
                checks.add(() -> assertEquals(expected.get("dbscan_" + rule + "_clusters").asInt(),
                        dbscan.clusterCount(), what + ": clusters"));
                checks.add(() -> assertEquals(expected.get("dbscan_" + rule + "_noise").asInt(),
                        dbscan.noiseCount(), what + ": noise points"));
                checks.add(() -> assertEquals(0, ClusteringFixtures.partitionMismatches(reference, dbscan.labels()),
                        what + ": points off scikit-learn's partition"));
            }
        }
        assertAll(checks);
    }

    private static int[] sortedSizes(JsonNode sizes) {
        int[] s = new int[sizes.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = sizes.get(i).asInt();
        }
        Arrays.sort(s);
        return s;
    }
}
