package io.songspace.report;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;

/** Starts runs through the public API, as a user would. */
public final class TestRuns {

    public static final String DEMO = "{\"dataset\": {\"type\": \"demo\", \"tracksPerGenre\": 3}, \"training\": {\"epochs\": 2}}";

    private TestRuns() {
    }

    /** POSTs {@code spec} and returns the new run's id. */
    public static String create(String spec) {
        return given().contentType(ContentType.JSON).body(spec)
                .when().post("/api/runs")
                .then().statusCode(202)
                .extract().path("id");
    }

    public static String createDemo() {
        return create(DEMO);
    }
}
