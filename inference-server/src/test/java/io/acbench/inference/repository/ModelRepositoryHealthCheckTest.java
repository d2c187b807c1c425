package io.acbench.inference.repository;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModelRepositoryHealthCheckTest {

  private static final Path REPOSITORY = Path.of("target/test-model-repository");

  @Test
  void readinessFollowsTheModelRepositoryDirectory() throws Exception {
    Files.createDirectories(REPOSITORY);
    Path aside = REPOSITORY.resolveSibling("test-model-repository.aside");
    Files.move(REPOSITORY, aside);
    try {
      given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    } finally {
      Files.move(aside, REPOSITORY);
    }
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
  }
}
