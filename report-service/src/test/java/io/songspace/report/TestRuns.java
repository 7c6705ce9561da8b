package io.songspace.report;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Starts runs through the public API, as a user would, with the keys of {@code src/test/resources/api-keys}. */
public final class TestRuns {

    /** A key with runs:read and runs:write. */
    public static final String WRITER_KEY = "test-writer-key";
    /** A key with runs:read only. */
    public static final String READER_KEY = "test-reader-key";
    /** Another key with both roles. */
    public static final String SECOND_KEY = "test-second-key";

    public static final String DEMO = "{\"dataset\": {\"type\": \"demo\", \"tracksPerGenre\": 3}, \"training\": {\"epochs\": 2}}";

    private TestRuns() {
    }

    /** A request with the writer's key. */
    public static RequestSpecification api() {
        return given().auth().oauth2(WRITER_KEY);
    }

    /** POSTs {@code spec} and returns the new run's id. */
    public static String create(String spec) {
        return api().contentType(ContentType.JSON).body(spec)
                .when().post("/api/runs")
                .then().statusCode(202)
                .extract().path("id");
    }

    public static String createDemo() {
        return create(DEMO);
    }
}
