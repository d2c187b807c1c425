package io.acbench.metrics.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.events.TaskScored;
import io.acbench.contracts.messaging.CloudEventHeaders;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class TaskEventsConsumerTest {

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();

  @Test
  void finishedTasksAreAnsweredWithAnExplicitScoringFailure() {
    String evaluationId = "ev-" + UUID.randomUUID();
    TaskCompleted ok = TaskCompleted.of(evaluationId, "base", "teval/plan", "COMPLETED", 30, null);
    TaskCompleted broken =
        TaskCompleted.of(evaluationId, "gptq", "teval/plan", "FAILED", 0, "backend down");
    try (var recorder = new KafkaTopicRecorder(bootstrap, List.of(Topics.TASK_SCORED))) {
      for (TaskCompleted e : List.of(ok, broken)) {
        KafkaTopicRecorder.send(
            bootstrap,
            Topics.TASK_COMPLETED,
            evaluationId,
            EventJson.write(e),
            CloudEventHeaders.of(e, "/test"));
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> recorder.values(Topics.TASK_SCORED, v -> v.contains(evaluationId)).size() == 2);
      List<TaskScored> scored =
          recorder.values(Topics.TASK_SCORED, v -> v.contains(evaluationId)).stream()
              .map(v -> EventJson.read(v, TaskScored.class))
              .toList();
      assertThat(scored)
          .allSatisfy(
              s -> {
                assertThat(s.status()).isEqualTo("FAILED");
                assertThat(s.score()).isNull();
              });
      assertThat(scored.get(0).failureReason()).contains("scoring is not implemented");
      assertThat(scored.get(1).failureReason()).contains("backend down");
    }
  }

  @Test
  void malformedSampleGoesToTheDeadLetterTopic() {
    String marker = "bad-sample-" + UUID.randomUUID();
    String dlq = Topics.deadLetterTopic(Topics.SAMPLE_COMPLETED);
    try (var recorder = new KafkaTopicRecorder(bootstrap, List.of(dlq))) {
      KafkaTopicRecorder.send(
          bootstrap,
          Topics.SAMPLE_COMPLETED,
          marker,
          "{\"evaluationId\":\"" + marker + "\"}",
          new RecordHeaders());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !recorder.values(dlq, v -> v.contains(marker)).isEmpty());
    }
  }
}
