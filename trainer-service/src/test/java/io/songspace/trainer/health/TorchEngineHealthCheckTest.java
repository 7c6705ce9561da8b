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
    void readinessReportsTheEngineDeviceWhyAndThreads() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'pytorch' }.data.device", is("cpu"))
                // the build bundles pytorch-native-cpu: no CUDA, so the CPU whatever the machine has
                .body("checks.find { it.name == 'pytorch' }.data.deviceReason", is("the PyTorch natives are CPU-only"))
                .body("checks.find { it.name == 'pytorch' }.data.cudaNatives", is(false))
                .body("checks.find { it.name == 'pytorch' }.data.gpus", is(0))
                .body("checks.find { it.name == 'pytorch' }.data.threads", is(1))
                .body("checks.name", hasItem("pytorch"));
    }
}
