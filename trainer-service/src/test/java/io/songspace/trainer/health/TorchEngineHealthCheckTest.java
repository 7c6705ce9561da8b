package io.songspace.trainer.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.songspace.stack.S3TestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class TorchEngineHealthCheckTest {

    @Test
    void readinessReportsTheEngineDeviceAndThreads() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'pytorch' }.data.device", is("cpu"))
                .body("checks.find { it.name == 'pytorch' }.data.threads", is(1))
                .body("checks.name", hasItem("pytorch"));
    }
}
