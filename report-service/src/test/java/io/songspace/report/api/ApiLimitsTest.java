package io.songspace.report.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.songspace.report.TestRuns;
import io.songspace.stack.S3TestResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cap on a key's queued and running runs. */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
@TestProfile(ApiLimitsTest.TwoRunsPerKey.class)
class ApiLimitsTest {

    public static class TwoRunsPerKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("songspace.api.max-active-runs-per-key", "2");
        }
    }

    private static void submit(String key, int status) {
        given().auth().oauth2(key).contentType(ContentType.JSON).body(TestRuns.DEMO)
                .when().post("/api/runs").then().statusCode(status);
    }

    @Test
    void aKeyMayHaveSoManyActiveRunsAndEndingOneMakesRoom() {
        submit(TestRuns.WRITER_KEY, 202);
        String second = given().auth().oauth2(TestRuns.WRITER_KEY).contentType(ContentType.JSON).body(TestRuns.DEMO)
                .when().post("/api/runs").then().statusCode(202).extract().path("id");
        given().auth().oauth2(TestRuns.WRITER_KEY).contentType(ContentType.JSON).body(TestRuns.DEMO)
                .when().post("/api/runs").then().statusCode(429)
                .header("Retry-After", "60")
                .body("message", containsString("'test-writer' has 2 runs queued or running"));
        // another key has its own allowance
        submit(TestRuns.SECOND_KEY, 202);
        given().auth().oauth2(TestRuns.WRITER_KEY).when().post("/api/runs/" + second + "/cancel").then().statusCode(200);
        submit(TestRuns.WRITER_KEY, 202);
    }
}
