package io.songspace.report.api;

import static io.songspace.report.TestRuns.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import io.songspace.report.TestRuns;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class ArtifactApiTest {

    @Inject
    ObjectStore store;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "report/index.html, text/html",
            "report/tsne_vae_clusters.png, image/png",
            "report/figure.svg, image/svg+xml",
            "report/clustering_metrics.csv, text/csv",
            "report/clustering_metrics_table.tex, text/x-tex",
            "clustering/metrics.json, application/json",
            "features/mfcc40_raw.npy, application/octet-stream",
            "tracks/000002.npz, application/octet-stream"})
    void artifactIsServedWithTheContentTypeOfItsExtension(String path, String contentType) {
        String id = TestRuns.createDemo();
        byte[] bytes = ("content of " + path).getBytes(StandardCharsets.UTF_8);
        store.put(ArtifactKeys.runPrefix(id) + path, bytes, "application/octet-stream");
        byte[] served = api().when().get("/api/runs/" + id + "/artifacts/" + path)
                .then().statusCode(200)
                .contentType(startsWith(contentType))
                .extract().asByteArray();
        assertArrayEquals(bytes, served);
    }

    @Test
    void listIsRelativeToTheRunAndArraysDownloadIntact() {
        String id = TestRuns.createDemo();
        NpyArray labels = NpyArray.ofLongs(new long[] {0, 1, -1}, 3);
        store.putNpy(ArtifactKeys.clustering(id, "assignments_vae_kmeans.npy"), labels);
        api().when().get("/api/runs/" + id + "/artifacts")
                .then().statusCode(200)
                .body("", hasItems("spec.json", "run.json", "clustering/assignments_vae_kmeans.npy"));
        byte[] served = api().when().get("/api/runs/" + id + "/artifacts/clustering/assignments_vae_kmeans.npy")
                .then().statusCode(200).extract().asByteArray();
        assertArrayEquals(labels.longs(), Npy.read(served).longs());
        api().when().get("/api/runs/" + id + "/artifacts/spec.json")
                .then().statusCode(200).contentType(startsWith("application/json"))
                .body("dataset.type", equalTo("demo"));
    }

    @Test
    void largeArrayStreamsByteExact() {
        String id = TestRuns.createDemo();
        // 1280 x 1024 float32 = 5 MiB of data: many times any single buffer on the way from S3 to the client
        Random random = new Random(7);
        float[] data = new float[1280 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        byte[] npy = Npy.write(NpyArray.ofFloats(data, 1280, 1024));
        assertTrue(npy.length > 5 * 1024 * 1024, "at least 5 MiB, got " + npy.length);
        store.put(ArtifactKeys.latents(id, "vae"), npy, "application/octet-stream");
        byte[] served = api().when().get("/api/runs/" + id + "/artifacts/latents/vae.npy")
                .then().statusCode(200).contentType(startsWith("application/octet-stream"))
                .extract().asByteArray();
        assertArrayEquals(npy, served);
    }

    @Test
    void missingArtifactIs404AndEscapingTheRunIs400() {
        String id = TestRuns.createDemo();
        api().when().get("/api/runs/" + id + "/artifacts/report/nothing.png")
                .then().statusCode(404).body("message", equalTo("run " + id + " has no artifact report/nothing.png"));
        // %2F keeps HTTP path normalisation from resolving the dots before the service sees them
        api().urlEncodingEnabled(false).when().get("/api/runs/" + id + "/artifacts/report/..%2F..%2Fother/spec.json")
                .then().statusCode(400).body("violations[0].field", equalTo("path"));
        api().urlEncodingEnabled(false).when().get("/api/runs/" + id + "/artifacts/..%2Fr-other/spec.json")
                .then().statusCode(400);
    }
}
