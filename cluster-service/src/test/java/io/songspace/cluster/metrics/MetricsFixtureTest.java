package io.songspace.cluster.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The six metrics against scikit-learn 1.2.1 on the reference fixtures ({@code metrics/} under the folder named by {@code songspace.fixtures}), to 1e-9 relative.
 * Skipped, saying why, where the fixtures folder (system property songspace.fixtures) is absent.
 */
class MetricsFixtureTest {

    private static final double RELATIVE_TOLERANCE = 1e-9;

    private record Case(String name, double[][] x, int[] truth, int[] predicted) {
    }

    @Test
    void matchesScikitLearn() throws IOException {
        String dir = System.getProperty("songspace.fixtures");
        Path metrics = dir == null ? null : Path.of(dir, "metrics");
        assumeTrue(metrics != null && Files.isRegularFile(metrics.resolve("expected.json")),
                "metric fixtures not found (system property songspace.fixtures=" + dir + "): skipping the "
                        + "scikit-learn comparison");
        JsonNode cases = new ObjectMapper().readTree(metrics.resolve("expected.json").toFile()).get("cases");
        Map<String, ToDoubleFunction<Case>> metricsByName = Map.of(
                "silhouette", c -> Silhouette.of(c.x(), c.predicted()),
                "calinski_harabasz", c -> CalinskiHarabasz.of(c.x(), c.predicted()),
                "davies_bouldin", c -> DaviesBouldin.of(c.x(), c.predicted()),
                "adjusted_rand", c -> AdjustedRand.of(c.truth(), c.predicted()),
                "nmi", c -> NormalizedMutualInfo.of(c.truth(), c.predicted()),
                "purity", c -> Purity.of(c.truth(), c.predicted()));
        List<Executable> checks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : cases.properties()) {
            Case c = load(metrics, entry.getKey());
            assertEquals(entry.getValue().get("n").asInt(), c.x().length, entry.getKey() + ": n");
            metricsByName.forEach((metric, compute) -> checks.add(() -> {
                double expected = entry.getValue().get(metric).asDouble();
                double actual = compute.applyAsDouble(c);
                assertEquals(expected, actual, Math.abs(expected) * RELATIVE_TOLERANCE, c.name() + " " + metric);
            }));
        }
        assertEquals(3 * metricsByName.size(), checks.size(), "three fixture cases, six metrics each");
        assertAll(checks);
    }

    private static Case load(Path dir, String name) throws IOException {
        NpyArray x = Npy.read(Files.readAllBytes(dir.resolve(name + ".X.npy")));
        int[] truth = Npy.read(Files.readAllBytes(dir.resolve(name + ".labels_true.npy"))).toInts();
        int[] predicted = Npy.read(Files.readAllBytes(dir.resolve(name + ".labels_pred.npy"))).toInts();
        return new Case(name, x.toMatrix(), truth, predicted);
    }
}
