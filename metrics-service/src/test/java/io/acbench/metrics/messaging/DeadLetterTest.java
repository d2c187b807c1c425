package io.acbench.metrics.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.events.SampleCompleted;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.messaging.CloudEventHeaders;
import io.acbench.metrics.store.ResultsRepository;
import io.acbench.metrics.store.SampleRecord;
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

/** Poison and conflicting events go to {@code <topic>.dlq} with a reason; stored data stays. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class DeadLetterTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String SAMPLE_DLQ = Topics.deadLetterTopic(Topics.SAMPLE_COMPLETED);
  private static final String TASK_DLQ = Topics.deadLetterTopic(Topics.TASK_COMPLETED);
  private static final String REQUEST_DLQ = Topics.deadLetterTopic(Topics.EVALUATION_REQUESTED);

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();

  @Inject ResultsRepository results;

  @Test
  void conflictingSampleIsDeadLetteredAndTheStoredSampleKept() {
    String ev = "ev-" + UUID.randomUUID();
    SampleCompleted original =
        SampleCompleted.of(ev, "base", "exact/a", "s0", "p", "yes", "\"y\"", "\"y\"", 1, 1, 1L);
    SampleCompleted conflicting =
        SampleCompleted.of(ev, "base", "exact/a", "s0", "p", "no", "\"n\"", "\"y\"", 1, 1, 1L);
    try (var recorder = new KafkaTopicRecorder(bootstrap, List.of(SAMPLE_DLQ));
        var sender = new EventSender(bootstrap)) {
      sender.send(original);
      await().atMost(WAIT).until(() -> results.sampleCount(ev, "base", "exact/a") == 1);
      sender.send(conflicting);
      await().atMost(WAIT).until(() -> dead(recorder, SAMPLE_DLQ, ev).size() == 1);
      String reason = reason(dead(recorder, SAMPLE_DLQ, ev).getFirst());
      assertThat(reason)
          .contains("conflicting duplicate")
          .contains(ev + "/base/exact/a/s0")
          .contains("rawOutput");
      List<SampleRecord> stored = results.samples(ev, "base", "exact/a");
      assertThat(stored)
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.rawOutput()).isEqualTo("yes");
                assertThat(s.eventId()).isEqualTo(original.eventId());
                assertThat(s.score()).isEqualTo(1.0);
              });
    }
  }

  @Test
  void malformedAndRuleBreakingEventsAreDeadLetteredWithTheField() {
    String ev = "ev-" + UUID.randomUUID();
    try (var recorder =
            new KafkaTopicRecorder(bootstrap, List.of(SAMPLE_DLQ, TASK_DLQ, REQUEST_DLQ));
        var sender = new EventSender(bootstrap)) {
      sender.sendRaw(Topics.SAMPLE_COMPLETED, ev, "{\"evaluationId\":\"" + ev + "\"}");
      TaskCompleted negative = TaskCompleted.of(ev, "base", "exact/a", "COMPLETED", -1, null);
      sender.send(negative);
      EvaluationRequested badPolicy =
          EvaluationRequested.of(
              ev, "/m", "m", List.of(), List.of("exact/a"), Map.of("max-dorp", 0.1));
      sender.send(badPolicy);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  dead(recorder, SAMPLE_DLQ, ev).size() == 1
                      && dead(recorder, TASK_DLQ, ev).size() == 1
                      && dead(recorder, REQUEST_DLQ, ev).size() == 1);
      assertThat(reason(dead(recorder, SAMPLE_DLQ, ev).getFirst())).contains("malformed");
      assertThat(reason(dead(recorder, TASK_DLQ, ev).getFirst())).contains("'sampleCount'");
      assertThat(reason(dead(recorder, REQUEST_DLQ, ev).getFirst())).contains("'max-dorp'");
    }
    assertThat(results.taskRun(ev, "base", "exact/a")).isEmpty();
    assertThat(results.evaluation(ev)).isEmpty();
  }

  private static List<ConsumerRecord<String, String>> dead(
      KafkaTopicRecorder recorder, String topic, String ev) {
    return recorder.records(topic).stream().filter(r -> r.value().contains(ev)).toList();
  }

  private static String reason(ConsumerRecord<String, String> record) {
    return CloudEventHeaders.get(record.headers(), "dead-letter-reason");
  }
}
