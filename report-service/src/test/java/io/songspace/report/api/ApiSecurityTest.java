package io.songspace.report.api;

import static io.restassured.RestAssured.given;
import static io.songspace.report.TestRuns.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.store.ObjectStore;
import io.songspace.report.TestRuns;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may call what, which datasets a spec may name, and how large a request may be. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class ApiSecurityTest {

    /** songspace.datasets.roots in the test profile (relative to the module). */
    private static final Path ROOT = Path.of("target/test-datasets").toAbsolutePath();

    @Inject
    ObjectStore store;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /api/runs",
            "GET, /api/runs/r-1/artifacts/report/index.html",
            "POST, /api/runs",
            "POST, /api/runs/r-1/cancel",
            "DELETE, /api/runs/r-1"})
    void everyApiCallNeedsAKey(String method, String path) {
        given().contentType(ContentType.JSON).body(TestRuns.DEMO).when().request(method, path)
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("message", containsString("an API key is required"));
        given().auth().oauth2("not-a-key").contentType(ContentType.JSON).body(TestRuns.DEMO)
                .when().request(method, path)
                .then().statusCode(401)
                .body("message", equalTo("the API key is not valid"));
    }

    @Test
    void aReadOnlyKeyReadsButCannotStartCancelOrDelete() {
        String id = TestRuns.createDemo();
        given().auth().oauth2(TestRuns.READER_KEY).when().get("/api/runs/" + id).then().statusCode(200)
                .body("owner", equalTo("test-writer"));
        given().auth().oauth2(TestRuns.READER_KEY).when().get("/api/runs/" + id + "/artifacts/spec.json")
                .then().statusCode(200);
        given().auth().oauth2(TestRuns.READER_KEY).contentType(ContentType.JSON).body(TestRuns.DEMO)
                .when().post("/api/runs").then().statusCode(403).body("message", containsString("runs:write"));
        given().auth().oauth2(TestRuns.READER_KEY).when().post("/api/runs/" + id + "/cancel").then().statusCode(403);
        given().auth().oauth2(TestRuns.READER_KEY).when().delete("/api/runs/" + id).then().statusCode(403);
    }

    @Test
    void healthOpenApiAndSwaggerStayOpen() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("bearer"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a system file     | {\"type\": \"table\", \"path\": \"/etc/passwd\"}                     | dataset.path",
            "the whole disk    | {\"type\": \"folder\", \"path\": \"/\"}                              | dataset.path",
            "a relative path   | {\"type\": \"folder\", \"path\": \"datasets/rock\"}                  | dataset.path",
            "dot-dot out       | {\"type\": \"folder\", \"path\": \"ROOT/../../etc\"}                 | dataset.path",
            "FMA metadata out  | {\"type\": \"fma\", \"path\": \"ROOT/fma\", \"metadataPath\": \"/etc/passwd\"} | dataset.metadataPath",
            "another bucket    | {\"type\": \"folder\", \"path\": \"s3://other-bucket/music\"}        | dataset.path",
            "bucket prefix     | {\"type\": \"folder\", \"path\": \"s3://songspace-other/music\"}     | dataset.path"})
    void datasetsOutsideTheRootsAreRefusedNamingTheField(String name, String dataset, String field) {
        api().contentType(ContentType.JSON)
                .body("{\"dataset\": " + dataset.replace("ROOT", ROOT.toString()) + "}")
                .when().post("/api/runs")
                .then().statusCode(400)
                .body("violations.field", hasItem(field))
                .body(not(containsString("root:x:0:0")));
    }

    @Test
    void aLinkOutOfTheRootIsRefusedAndAPathInsideIsAccepted() throws IOException {
        Files.createDirectories(ROOT.resolve("genres/rock"));
        Path link = ROOT.resolve("escape");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("/etc"));
        api().contentType(ContentType.JSON)
                .body("{\"dataset\": {\"type\": \"folder\", \"path\": \"" + link + "\"}}")
                .when().post("/api/runs")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("dataset.path"))
                .body("violations[0].message", containsString("must lie in a dataset root"));
        api().contentType(ContentType.JSON)
                .body("{\"dataset\": {\"type\": \"folder\", \"path\": \"" + ROOT.resolve("genres") + "\"}}")
                .when().post("/api/runs")
                .then().statusCode(202);
        api().contentType(ContentType.JSON)
                .body("{\"dataset\": {\"type\": \"folder\", \"path\": \"s3://songspace/datasets/genres\"}}")
                .when().post("/api/runs")
                .then().statusCode(202);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        String huge = "{\"dataset\": {\"type\": \"demo\"}, \"padding\": \"" + "x".repeat(70 * 1024) + "\"}";
        api().contentType(ContentType.JSON).body(huge).when().post("/api/runs").then().statusCode(413);
    }

    @Test
    void cancellingStopsTheRunAndMarksItForEveryService() {
        String id = TestRuns.createDemo();
        api().when().delete("/api/runs/" + id).then().statusCode(409).body("message", containsString("cancel it"));
        api().when().post("/api/runs/" + id + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED"))
                .body("error", equalTo("cancelled by test-writer"));
        assertTrue(store.exists(ArtifactKeys.cancelled(id)), "the marker every service looks for");
        // cancelling again changes nothing
        api().when().post("/api/runs/" + id + "/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));
        api().when().get("/api/runs/" + id + "/events").then().statusCode(200)
                .body(containsString("\"state\":\"CANCELLED\""));
    }

    @Test
    void deletingAnEndedRunRemovesEveryObject() {
        String id = TestRuns.createDemo();
        store.putText(ArtifactKeys.report(id, "index.html"), "<html></html>", "text/html");
        api().when().post("/api/runs/" + id + "/cancel").then().statusCode(200);
        api().when().delete("/api/runs/" + id).then().statusCode(204);
        assertEquals(0, store.list(ArtifactKeys.runPrefix(id)).size());
        api().when().get("/api/runs/" + id).then().statusCode(404);
        assertFalse(api().when().get("/api/runs").then().statusCode(200).extract().asString().contains(id));
    }
}
