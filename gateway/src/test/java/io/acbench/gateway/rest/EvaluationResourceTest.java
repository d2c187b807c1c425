package io.acbench.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.messaging.CloudEventHeaders;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class EvaluationResourceTest {

  private static final String VALID =
      """
      {"baseModelUri": "/models/qwen2.5-0.5b",
       "variants": [{"id": "gptq-w4", "method": "gptq", "parameters": {"bits": "4"}},
                    {"id": "wanda-50", "method": "wanda"}],
       "tasks": ["worfbench/os"]}
      """;

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();
  private KafkaTopicRecorder recorder;

  @BeforeEach
  void record() {
    recorder = new KafkaTopicRecorder(bootstrap, List.of(Topics.EVALUATION_REQUESTED));
  }

  @AfterEach
  void stop() {
    recorder.close();
  }

  @Test
  void postedEvaluationIsPublishedWithKeyAndCloudEventsHeaders() {
    String id =
        given()
            .contentType(ContentType.JSON)
            .body(VALID)
            .post("/api/v1/evaluations")
            .then()
            .statusCode(202)
            .header("Location", containsString("/api/v1/evaluations/"))
            .body("state", equalTo("REQUESTED"))
            .extract()
            .path("evaluationId");

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !recorder.values(Topics.EVALUATION_REQUESTED, v -> v.contains(id)).isEmpty());
    var record =
        recorder.records(Topics.EVALUATION_REQUESTED).stream()
            .filter(r -> r.value().contains(id))
            .findFirst()
            .orElseThrow();
    assertThat(record.key()).isEqualTo(id);
    assertThat(CloudEventHeaders.get(record.headers(), "ce_source")).isEqualTo("/acbench/gateway");
    EvaluationRequested event = EventJson.read(record.value(), EvaluationRequested.class);
    assertThat(event.modelName()).isEqualTo("qwen2.5-0.5b");
    assertThat(event.variants())
        .extracting(EvaluationRequested.VariantSpec::method)
        .containsExactly("gptq", "wanda");
    assertThat(event.taskIds()).containsExactly("worfbench/os");
    assertThat(event.probeSetId()).isEqualTo("builtin-v1");
  }

  @Test
  void probeFalseAsksForNoProbingAndTrueForTheBuiltInSet() {
    String without = post(VALID.replace("\"tasks\"", "\"probe\": false, \"tasks\""));
    String with = post(VALID.replace("\"tasks\"", "\"probe\": true, \"tasks\""));
    assertThat(published(without).probeSetId()).isNull();
    assertThat(published(with).probeSetId()).isEqualTo("builtin-v1");
    given()
        .contentType(ContentType.JSON)
        .body(VALID.replace("\"tasks\"", "\"probe\": \"maybe\", \"tasks\""))
        .post("/api/v1/evaluations")
        .then()
        .statusCode(400);
  }

  @Test
  void theOpenApiDocumentDescribesTheProbeFlag() {
    given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body(
            "components.schemas.CreateEvaluationRequest.properties.probe.type", equalTo("boolean"))
        .body(
            "components.schemas.CreateEvaluationRequest.properties.probe.description",
            containsString("builtin-v1"));
  }

  private static String post(String body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/evaluations")
        .then()
        .statusCode(202)
        .extract()
        .path("evaluationId");
  }

  private EvaluationRequested published(String id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !recorder.values(Topics.EVALUATION_REQUESTED, v -> v.contains(id)).isEmpty());
    return EventJson.read(
        recorder.values(Topics.EVALUATION_REQUESTED, v -> v.contains(id)).getFirst(),
        EvaluationRequested.class);
  }

  @Test
  void statusFollowsCompressionFailures() {
    String id =
        given()
            .contentType(ContentType.JSON)
            .body(VALID)
            .post("/api/v1/evaluations")
            .then()
            .statusCode(202)
            .extract()
            .path("evaluationId");
    for (String variant : List.of("base", "gptq-w4", "wanda-50")) {
      CompressionFailed failed = CompressionFailed.of(id, variant, "no space left", true);
      KafkaTopicRecorder.send(
          bootstrap,
          Topics.COMPRESSION_FAILED,
          id,
          EventJson.write(failed),
          CloudEventHeaders.of(failed, "/test"));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/evaluations/" + id)
                    .then()
                    .body("state", equalTo("FAILED"))
                    .body("variants.'gptq-w4'.detail", equalTo("no space left")));
  }

  @Test
  void invalidBodiesAreRejectedNamingTheField() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"tasks\": [\"t\"]}")
        .post("/api/v1/evaluations")
        .then()
        .statusCode(400)
        .body(containsString("baseModelUri"));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"baseModelUri\": \"/m\", \"tasks\": [\"t\"], \"variants\": [{\"id\": \"x\", \"method\": \"zip\"}]}")
        .post("/api/v1/evaluations")
        .then()
        .statusCode(400)
        .body(containsString("method"));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"baseModelUri\": \"/m\", \"tasks\": [\"t\"], \"variants\": [{\"id\": \"a\", \"method\": \"rtn\"}, {\"id\": \"a\", \"method\": \"awq\"}]}")
        .post("/api/v1/evaluations")
        .then()
        .statusCode(400)
        .body(containsString("duplicate id 'a'"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"baseModelUri\": \"/m\", \"tasks\": []}")
        .post("/api/v1/evaluations")
        .then()
        .statusCode(400)
        .body(containsString("tasks"));
  }

  @Test
  void unknownEvaluationIs404() {
    given().get("/api/v1/evaluations/nope").then().statusCode(404);
  }
}
