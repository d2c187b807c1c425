package io.acbench.compressor.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.acbench.compressor.service.FakeInferenceServerResource;
import io.acbench.contracts.Topics;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.messaging.CloudEventHeaders;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.runtime.fixtures.FixtureModels;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(FakeInferenceServerResource.class)
class EvaluationRequestedConsumerTest {

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();
  private KafkaTopicRecorder recorder;

  @TempDir Path tmp;

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
  void aMissingModelDirectoryFailsEveryVariantNamingTheDirectory() {
    String evaluationId = "ev-" + UUID.randomUUID();
    send(
        evaluationId,
        "/nonexistent/models/tiny",
        List.of(new EvaluationRequested.VariantSpec("gptq-w4", "gptq", Map.of("bits", "4"))));

    await().atMost(Duration.ofSeconds(60)).until(() -> failuresOf(evaluationId).size() == 2);
    List<CompressionFailed> failures = failuresOf(evaluationId);
    assertThat(failures)
        .extracting(CompressionFailed::variantId)
        .containsExactlyInAnyOrder("base", "gptq-w4");
    assertThat(failures)
        .allSatisfy(
            f -> {
              assertThat(f.reason())
                  .contains("/nonexistent/models/tiny")
                  .contains("does not exist");
              assertThat(f.retryable()).isFalse();
            });
    var record =
        recorder.records(Topics.COMPRESSION_FAILED).stream()
            .filter(r -> r.value().contains(evaluationId))
            .findFirst()
            .orElseThrow();
    assertThat(record.key()).isEqualTo(evaluationId);
    assertThat(CloudEventHeaders.get(record.headers(), "ce_type"))
        .isEqualTo(Topics.COMPRESSION_FAILED);
  }

  @Test
  void unsupportedMethodsParametersAndMalformedCalibrationFailWithTheReason() throws Exception {
    Path model = tmp.resolve("tiny");
    FixtureModels.write("llama", "tiny", 3, model);
    Path badCalibration = tmp.resolve("calib.jsonl");
    Files.writeString(badCalibration, "{\"text\": \"fine\"}\n{\"txt\": \"no text field\"}\n");
    String evaluationId = "ev-" + UUID.randomUUID();
    send(
        evaluationId,
        model.toString(),
        List.of(
            new EvaluationRequested.VariantSpec("quip", "quip", Map.of()),
            new EvaluationRequested.VariantSpec("gptq-w3", "gptq", Map.of("bits", "3")),
            new EvaluationRequested.VariantSpec("wanda-x", "wanda", Map.of("sparsity", "0.5")),
            new EvaluationRequested.VariantSpec(
                "awq-badcal", "awq", Map.of("calibration", badCalibration.toString()))));

    await().atMost(Duration.ofSeconds(60)).until(() -> failuresOf(evaluationId).size() == 4);
    Map<String, String> reasons =
        failuresOf(evaluationId).stream()
            .collect(Collectors.toMap(CompressionFailed::variantId, CompressionFailed::reason));
    assertThat(reasons.get("quip")).contains("method 'quip' is not supported");
    assertThat(reasons.get("gptq-w3")).contains("'bits' = 3").contains("4-bit");
    assertThat(reasons.get("wanda-x")).contains("parameter 'sparsity' is not supported");
    assertThat(reasons.get("awq-badcal")).contains("line 2").contains("'text'");
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
    // The base model at /m does not exist: one compression.failed shows the event was processed.
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

  private void send(
      String evaluationId, String model, List<EvaluationRequested.VariantSpec> variants) {
    EvaluationRequested request =
        EvaluationRequested.of(
            evaluationId, model, "tiny", variants, List.of("teval/plan"), Map.of());
    KafkaTopicRecorder.send(
        bootstrap,
        Topics.EVALUATION_REQUESTED,
        evaluationId,
        EventJson.write(request),
        CloudEventHeaders.of(request, "/test"));
  }

  private List<CompressionFailed> failuresOf(String evaluationId) {
    return recorder.values(Topics.COMPRESSION_FAILED, v -> v.contains(evaluationId)).stream()
        .map(v -> EventJson.read(v, CompressionFailed.class))
        .toList();
  }
}
