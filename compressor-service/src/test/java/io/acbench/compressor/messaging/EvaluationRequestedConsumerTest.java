package io.acbench.compressor.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.messaging.CloudEventHeaders;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class EvaluationRequestedConsumerTest {

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();
  private KafkaTopicRecorder recorder;

  @BeforeEach
  void record() {
    recorder =
        new KafkaTopicRecorder(
            bootstrap,
            List.of(
                Topics.COMPRESSION_FAILED, Topics.deadLetterTopic(Topics.EVALUATION_REQUESTED)));
  }

  @AfterEach
  void stop() {
    recorder.close();
  }

  @Test
  void everyVariantIncludingTheBaseGetsAnExplicitNotImplementedFailure() {
    String evaluationId = "ev-" + UUID.randomUUID();
    EvaluationRequested request =
        EvaluationRequested.of(
            evaluationId,
            "/models/tiny",
            "tiny",
            List.of(new EvaluationRequested.VariantSpec("gptq-w4", "gptq", Map.of("bits", "4"))),
            List.of("teval/plan"),
            Map.of());
    KafkaTopicRecorder.send(
        bootstrap,
        Topics.EVALUATION_REQUESTED,
        evaluationId,
        EventJson.write(request),
        CloudEventHeaders.of(request, "/test"));

    await().atMost(Duration.ofSeconds(60)).until(() -> failuresOf(evaluationId).size() == 2);
    List<CompressionFailed> failures = failuresOf(evaluationId);
    assertThat(failures)
        .extracting(CompressionFailed::variantId)
        .containsExactly("base", "gptq-w4");
    assertThat(failures).allSatisfy(f -> assertThat(f.reason()).contains("not implemented"));
    var record = recorder.records(Topics.COMPRESSION_FAILED).getFirst();
    assertThat(record.key()).isEqualTo(evaluationId);
    assertThat(CloudEventHeaders.get(record.headers(), "ce_type"))
        .isEqualTo(Topics.COMPRESSION_FAILED);
  }

  @Test
  void poisonEventGoesToTheDeadLetterTopicAndTheNextEventIsStillProcessed() {
    String marker = "poison-" + UUID.randomUUID();
    KafkaTopicRecorder.send(
        bootstrap,
        Topics.EVALUATION_REQUESTED,
        marker,
        "{\"poison\":\"" + marker + "\"}",
        new RecordHeaders());
    String evaluationId = "ev-" + UUID.randomUUID();
    EvaluationRequested good =
        EvaluationRequested.of(evaluationId, "/m", "m", List.of(), List.of("t"), Map.of());
    KafkaTopicRecorder.send(
        bootstrap,
        Topics.EVALUATION_REQUESTED,
        evaluationId,
        EventJson.write(good),
        CloudEventHeaders.of(good, "/test"));

    String dlq = Topics.deadLetterTopic(Topics.EVALUATION_REQUESTED);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !recorder.values(dlq, v -> v.contains(marker)).isEmpty());
    await().atMost(Duration.ofSeconds(60)).until(() -> failuresOf(evaluationId).size() == 1);
    var dead =
        recorder.records(dlq).stream()
            .filter(r -> r.value().contains(marker))
            .findFirst()
            .orElseThrow();
    assertThat(CloudEventHeaders.get(dead.headers(), "dead-letter-reason"))
        .contains("missing field");
  }

  @Test
  void healthAndPrometheusMetricsAreServed() {
    given().when().get("/q/health/live").then().statusCode(200).body(containsString("UP"));
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("acbench_compressor_evaluations_received_total"));
  }

  private List<CompressionFailed> failuresOf(String evaluationId) {
    return recorder.values(Topics.COMPRESSION_FAILED, v -> v.contains(evaluationId)).stream()
        .map(v -> EventJson.read(v, CompressionFailed.class))
        .toList();
  }
}
