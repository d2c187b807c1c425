package io.acbench.taskrunner.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.messaging.CloudEventHeaders;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ModelReadyConsumerTest {

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();

  @Test
  void everyTaskOfAReadyModelIsReportedAsNotYetRunnable() {
    String evaluationId = "ev-" + UUID.randomUUID();
    ModelReady ready =
        ModelReady.of(
            evaluationId,
            "base",
            "none",
            "tiny",
            "d1",
            "/m",
            List.of("teval/plan", "worfbench/os"));
    try (var recorder = new KafkaTopicRecorder(bootstrap, List.of(Topics.TASK_COMPLETED))) {
      KafkaTopicRecorder.send(
          bootstrap,
          Topics.MODEL_READY,
          evaluationId,
          EventJson.write(ready),
          CloudEventHeaders.of(ready, "/test"));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  recorder.values(Topics.TASK_COMPLETED, v -> v.contains(evaluationId)).size()
                      == 2);
      List<TaskCompleted> done =
          recorder.values(Topics.TASK_COMPLETED, v -> v.contains(evaluationId)).stream()
              .map(v -> EventJson.read(v, TaskCompleted.class))
              .toList();
      assertThat(done)
          .extracting(TaskCompleted::taskId)
          .containsExactly("teval/plan", "worfbench/os");
      assertThat(done)
          .allSatisfy(
              t -> {
                assertThat(t.status()).isEqualTo("FAILED");
                assertThat(t.failureReason()).contains("not implemented");
                assertThat(t.sampleCount()).isZero();
              });
    }
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("acbench_taskrunner_models_ready_received_total"));
  }
}
