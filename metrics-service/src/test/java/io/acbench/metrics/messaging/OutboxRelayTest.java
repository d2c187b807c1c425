package io.acbench.metrics.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.EvaluationCompleted;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.events.TaskScored;
import io.acbench.contracts.events.VariantVerdict;
import io.acbench.contracts.messaging.CloudEventHeaders;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.metrics.scoring.EventRelay;
import io.acbench.metrics.store.IngestRepository;
import io.acbench.metrics.store.OutboxMessage;
import io.acbench.metrics.store.ResultsRepository;
import io.acbench.metrics.store.TaskResultRecord;
import io.acbench.metrics.store.TaskRunRecord;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox: what a crash left unsent after the commit is published by the relay.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class OutboxRelayTest {

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();

  @Inject ResultsRepository results;

  @Inject EventRelay relay;

  @Inject IngestRepository ingest;

  @Test
  void aRedeliveryAfterACrashBeforeTheCompletionCheckCompletesTheEvaluationOnce() {
    String ev = "ev-" + UUID.randomUUID();
    EvaluationRequested request =
        EvaluationRequested.of(ev, "/models/m", "m", List.of(), List.of("exact/a"), Map.of());
    TaskCompleted failed = TaskCompleted.of(ev, "base", "exact/a", "FAILED", 0, "runner died");
    try (var recorder = new KafkaTopicRecorder(bootstrap, List.of(Topics.EVALUATION_COMPLETED));
        var sender = new EventSender(bootstrap)) {
      sender.send(request);
      await().atMost(Duration.ofSeconds(60)).until(() -> results.evaluation(ev).isPresent());
      // the crashed process committed the task run and its result, then died before the
      // evaluation's completion check
      ingest.saveTaskRun(
          new TaskRunRecord(
              ev,
              "base",
              "exact/a",
              failed.eventId(),
              failed.status(),
              failed.sampleCount(),
              failed.failureReason(),
              failed.occurredAt()));
      results.saveTaskResultOnce(
          TaskResultRecord.failed(ev, "base", "exact/a", 0, "task failed in the runner"));
      assertThat(results.evaluationResult(ev)).isEmpty();

      sender.send(failed); // the broker redelivers the unacknowledged event
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> records(recorder, Topics.EVALUATION_COMPLETED, ev).size() == 1);
      assertThat(
              EventJson.read(
                      records(recorder, Topics.EVALUATION_COMPLETED, ev).getFirst().value(),
                      EvaluationCompleted.class)
                  .status())
          .isEqualTo("ERROR");
      sender.send(failed);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> records(recorder, Topics.EVALUATION_COMPLETED, ev).size() == 1);
    }
  }

  @Test
  void eventsLeftUnsentByACrashArePublishedOnceWhenTheRelayRuns() {
    String ev = "ev-" + UUID.randomUUID();
    TaskScored scored = TaskScored.of(ev, "base", "exact/a", "SCORED", 1.0, 1.0, 1.0, 2, null);
    EvaluationCompleted done =
        EvaluationCompleted.of(
            ev, "PASSED", List.of(new VariantVerdict("base", true, List.of())), null);
    try (var recorder =
        new KafkaTopicRecorder(
            bootstrap, List.of(Topics.TASK_SCORED, Topics.EVALUATION_COMPLETED))) {
      // what the pipeline commits; the process "dies" before it sends anything
      assertThat(
              results.saveTaskResultOnce(
                  new TaskResultRecord(
                      ev, "base", "exact/a", "SCORED", "exact", 1.0, 1.0, 1.0, 2, Map.of(), null),
                  OutboxMessage.of(scored)))
          .isTrue();
      assertThat(results.saveEvaluationResultOnce(ev, "PASSED", "[]", OutboxMessage.of(done)))
          .isTrue();
      // (the relay's timer may also pick them up: it is the same relay)
      relay.publishPending();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  records(recorder, Topics.TASK_SCORED, ev).size() == 1
                      && records(recorder, Topics.EVALUATION_COMPLETED, ev).size() == 1);
      ConsumerRecord<String, String> sent =
          records(recorder, Topics.EVALUATION_COMPLETED, ev).getFirst();
      assertThat(EventJson.read(sent.value(), EvaluationCompleted.class)).isEqualTo(done);
      assertThat(sent.key()).isEqualTo(ev);
      assertThat(CloudEventHeaders.get(sent.headers(), "ce_id")).isEqualTo(done.eventId());
      assertThat(
              EventJson.read(
                  records(recorder, Topics.TASK_SCORED, ev).getFirst().value(), TaskScored.class))
          .isEqualTo(scored);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  results.outboxMessage(done.eventId()).orElseThrow().sentAt() != null
                      && results.outboxMessage(scored.eventId()).orElseThrow().sentAt() != null);

      relay.publishPending();
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  records(recorder, Topics.TASK_SCORED, ev).size() == 1
                      && records(recorder, Topics.EVALUATION_COMPLETED, ev).size() == 1);
    }
  }

  private static List<ConsumerRecord<String, String>> records(
      KafkaTopicRecorder recorder, String topic, String ev) {
    return recorder.records(topic).stream().filter(r -> r.value().contains(ev)).toList();
  }
}
