package io.songspace.report.api;

import static io.songspace.report.TestRuns.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.AlgorithmSpec;
import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.events.RunRequested;
import io.songspace.common.events.RunSpec;
import io.songspace.common.messaging.Channels;
import io.songspace.common.store.ObjectStore;
import io.songspace.report.TestRuns;
import io.songspace.report.registry.RunRecord;
import io.songspace.report.registry.RunView;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class RunApiTest {

    @Inject
    ObjectStore store;

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Test
    void acceptedRunIsStoredWithDefaultsAndRequestedOnKafka() {
        InMemorySink<RunRequested> sink = connector.sink(Channels.RUNS_REQUESTED_OUT);
        ExtractableResponse<Response> accepted = api().contentType(ContentType.JSON)
                .body("{\"dataset\": {\"type\": \"demo\", \"tracksPerGenre\": 3}, \"training\": {\"epochs\": 2}, \"seed\": 7}")
                .when().post("/api/runs")
                .then().statusCode(202)
                .body("state", equalTo("QUEUED"))
                .body("id", matchesPattern("r-\\d{8}-\\d{6}-[0-9a-z]{6}"))
                .extract();
        String id = accepted.path("id");
        assertTrue(accepted.header("Location").endsWith("/api/runs/" + id), accepted.header("Location"));
        assertEquals("/api/runs/" + id + "/events", accepted.path("links.events"));

        // the level (easy by default) expanded once into explicit models and algorithms, every default filled in
        RunSpec expected = new RunSpec("easy", new DatasetSpec.Demo(3, null, 0),
                new RunSpec.Training(2, 64, 1e-3, 32, 1.0),
                List.of(new ModelSpec("vae", "vae", 1.0, 32, 2, 64, 1e-3)),
                new RunSpec.Clustering(null, 30.0, 15, List.of(new AlgorithmSpec("kmeans", null, null)),
                        List.of("tsne", "umap")), 7L, new RunSpec.Text(false, "minilm"));
        assertEquals(expected, store.getJson(ArtifactKeys.spec(id), RunSpec.class));
        RunRecord record = store.getJson(ArtifactKeys.runJson(id), RunRecord.class);
        assertEquals(RunView.State.QUEUED, record.run().state());
        assertEquals(expected, record.run().spec());

        Message<RunRequested> published = sink.received().stream()
                .filter(m -> m.getPayload().runId().equals(id)).findFirst().orElseThrow();
        assertNotNull(published.getPayload().requestedAt(), "the request carries the run id; the spec is spec.json");
        assertEquals(id, published.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey());

        api().when().get("/api/runs/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("state", equalTo("QUEUED"))
                .body("progress", equalTo(0.0f))
                .body("spec.training.batchSize", equalTo(64))
                .body("stages.stage", contains("MANIFEST", "FEATURES", "TEXT", "TRAINING", "CLUSTERING", "REPORT"))
                .body("stages.status", everyItem(equalTo("PENDING")))
                .body("skipped", hasSize(0))
                .body("error", nullValue())
                .body("reportUrl", nullValue())
                .body("createdAt", matchesPattern("\\d{4}-\\d{2}-\\d{2}T.*Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown field      | {"dataset": {"type": "demo"}, "training": {"epocs": 5}}        | training.epocs         | unknown field
            unknown top field  | {"dataset": {"type": "demo"}, "sead": 5}                       | sead                   | unknown field
            wrong type         | {"dataset": {"type": "demo"}, "training": {"epochs": "ten"}}   | training.epochs        | must be an integer
            number as string   | {"dataset": {"type": "demo"}, "training": {"epochs": "10"}}    | training.epochs        | must be an integer
            fraction for int   | {"dataset": {"type": "demo"}, "training": {"epochs": 1.5}}     | training.epochs        | must be an integer
            string for number  | {"dataset": {"type": "demo"}, "training": {"beta": "x"}}       | training.beta          | must be a number
            object for int     | {"dataset": {"type": "demo"}, "clustering": {"k": {}}}         | clustering.k           | must be an integer
            number for type    | {"dataset": {"type": 5}}                                       | dataset.type           | must be one of demo, fma, folder, table
            missing type       | {"dataset": {"path": "/data"}}                                 | dataset.type           | required: one of demo, fma, folder, table
            string for array   | {"dataset": {"type": "fma", "path": "/f", "genres": "Rock"}}   | dataset.genres         | must be an array
            bad array item     | {"dataset": {"type": "fma", "path": "/f", "genres": ["Rock", 5]}} | dataset.genres[1]   | must be a string
            bad enum           | {"dataset": {"type": "spotify"}}                               | dataset.type           | must be one of demo, fma, folder, table
            missing dataset    | {"training": {"epochs": 5}}                                    | dataset                | required
            missing path       | {"dataset": {"type": "folder"}}                                | dataset.path           | required for dataset type folder
            demo too large     | {"dataset": {"type": "demo", "tracksPerGenre": 601}}           | dataset.tracksPerGenre | must be between 1 and 600
            learning rate      | {"dataset": {"type": "demo"}, "training": {"learningRate": 0}} | training.learningRate  | must be > 0 and <= 1
            too many corrupt   | {"dataset": {"type": "demo", "corruptTracks": 1000000000}}     | dataset.corruptTracks  | must be between 0 and 600
            unknown FMA subset | {"dataset": {"type": "fma", "path": "/f", "subset": "tiny"}}   | dataset.subset         | must be one of small, medium, large
            subset not for demo | {"dataset": {"type": "demo", "subset": "small"}}              | dataset.subset         | unknown field (known: corruptTracks, genres, tracksPerGenre)
            corrupt not for fma | {"dataset": {"type": "fma", "path": "/f", "corruptTracks": 1}} | dataset.corruptTracks | unknown field
            table has no patches | {"dataset": {"type": "table", "path": "/t.csv"}, "level": "hard"} | level      | trains conv_vae on MFCC patches
            table conv model   | {"dataset": {"type": "table", "path": "/t.csv"}, "models": [{"id": "c", "architecture": "conv_vae"}]} | models[0].architecture | which a table dataset does not have
            path not for demo  | {"dataset": {"type": "demo", "path": "/x"}}                    | dataset.path           | unknown field
            unknown level      | {"dataset": {"type": "demo"}, "level": "expert"}               | level                  | must be one of easy, medium, hard
            unknown architecture | {"dataset": {"type": "demo"}, "models": [{"id": "m", "architecture": "gan"}]} | models[0].architecture | must be one of vae, conv_vae
            model without id   | {"dataset": {"type": "demo"}, "models": [{"beta": 2}]}         | models[0].id           | required
            duplicate model id | {"dataset": {"type": "demo"}, "models": [{"id": "a"}, {"id": "a"}]} | models[1].id      | duplicate model id a
            negative beta      | {"dataset": {"type": "demo"}, "models": [{"id": "b", "beta": -1}]} | models[0].beta     | must be >= 0
            unknown algorithm  | {"dataset": {"type": "demo"}, "clustering": {"algorithms": [{"name": "optics"}]}} | clustering.algorithms[0].name | must be one of kmeans, agglomerative, dbscan
            bad eps            | {"dataset": {"type": "demo"}, "clustering": {"algorithms": [{"name": "dbscan", "eps": "p50"}]}} | clustering.algorithms[0].eps | must be a number > 0, knee or p90
            eps not for kmeans | {"dataset": {"type": "demo"}, "clustering": {"algorithms": [{"name": "kmeans", "eps": 1}]}} | clustering.algorithms[0].eps | applies to dbscan only
            unknown embedding  | {"dataset": {"type": "demo"}, "clustering": {"embeddings": ["pca"]}} | clustering.embeddings[0] | must be one of tsne, umap
            malformed JSON     | {"dataset": {"type": "demo",}}                                 | dataset                | malformed JSON
            not an object      | [1, 2]                                                         | body                   | must be a JSON object
            trailing content   | {"dataset": {"type": "demo"}} {}                               | body                   | unexpected content after
            """)
    void invalidSpecIsRejectedNamingTheField(String name, String body, String field, String message) {
        int published = connector.sink(Channels.RUNS_REQUESTED_OUT).received().size();
        api().contentType(ContentType.JSON).body(body)
                .when().post("/api/runs")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("violations[0].field", equalTo(field))
                .body("violations[0].message", containsString(message))
                .body("message", containsString(field + ": "));
        assertEquals(published, connector.sink(Channels.RUNS_REQUESTED_OUT).received().size(), "nothing published");
    }

    @Test
    void unknownFieldMessageIsThePathAndListsTheKnownFields() {
        api().contentType(ContentType.JSON).body("{\"dataset\": {\"type\": \"demo\"}, \"training\": {\"epocs\": 5}}")
                .when().post("/api/runs")
                .then().statusCode(400)
                .body("message", equalTo("training.epocs: unknown field (known: batchSize, beta, epochs, latentDim, learningRate)"));
    }

    @Test
    void everyViolationIsReported() {
        api().contentType(ContentType.JSON)
                .body("{\"dataset\": {\"type\": \"demo\", \"corruptTracks\": -1}, "
                        + "\"training\": {\"epochs\": 0, \"learningRate\": 2, \"latentDim\": 1024}, \"clustering\": {\"k\": 1}}")
                .when().post("/api/runs")
                .then().statusCode(400)
                .body("violations.field", contains("dataset.corruptTracks", "training.epochs", "training.learningRate",
                        "training.latentDim", "clustering.k"));
    }

    @Test
    void emptyBodyIsRejected() {
        api().contentType(ContentType.JSON).body("")
                .when().post("/api/runs")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("body"));
    }

    @Test
    void unknownRunIs404() {
        api().when().get("/api/runs/r-20000101-000000-nope00")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("message", equalTo("unknown run r-20000101-000000-nope00"));
        api().when().get("/api/runs/r-20000101-000000-nope00/events").then().statusCode(404);
        api().when().get("/api/runs/r-20000101-000000-nope00/artifacts").then().statusCode(404);
    }

    @Test
    void listShowsNewestFirst() throws InterruptedException {
        String first = TestRuns.createDemo();
        Thread.sleep(5); // createdAt decides the order, ids only break ties
        String second = TestRuns.createDemo();
        List<String> ids = api().when().get("/api/runs").then().statusCode(200)
                .body("[0].dataset", equalTo("demo"))
                .extract().jsonPath().getList("id");
        assertTrue(ids.indexOf(second) < ids.indexOf(first), ids.toString());
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        api().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/runs/{id}/events"));
        api().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
        api().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItem("object-store"));
    }

    @Test
    void locationHeaderIsAbsolute() {
        api().contentType(ContentType.JSON).body(TestRuns.DEMO).when().post("/api/runs")
                .then().statusCode(202).header("Location", matchesPattern("http://[^/]+/api/runs/r-.*"))
;
    }
}
