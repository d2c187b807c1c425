package io.acbench.metrics.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.EvaluationCompleted;
import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.contracts.events.VariantVerdict;
import io.acbench.contracts.messaging.CloudEventHeaders;
import io.acbench.metrics.store.ResultsRepository;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** {@code acbench.compression.failed} through the real broker. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class CompressionFailedTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String DLQ = Topics.deadLetterTopic(Topics.COMPRESSION_FAILED);

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();

  @Inject ResultsRepository results;

  @Test
  void aFailedVariantIsNotWaitedForAndFailsItsVerdictOnce() throws Exception {
    String ev = "ev-" + UUID.randomUUID();
    Path dir = Files.createTempDirectory("probes");
    ProbeFixture f = new ProbeFixture(5, 40, new int[] {5}, 0.1);
    ProbeCompleted baseProbe = ProbeFixture.write(ev, "base", f.baseResult(), dir.resolve("b"));
    ProbeCompleted rtnProbe = ProbeFixture.write(ev, "rtn", f.variantResult(), dir.resolve("r"));
    Campaign c =
        new Campaign(ev)
            .task("base", "exact/a", true, true)
            .task("rtn", "exact/a", true, true)
            .alsoRequests("gptq")
            .probing(ProbeFixture.PROBE_SET)
            .requested(ev, List.of("exact/a"), Map.of());
    CompressionFailed failed = CompressionFailed.of(ev, "gptq", "out of memory", false);
    try (var recorder = new KafkaTopicRecorder(bootstrap, List.of(Topics.EVALUATION_COMPLETED));
        var sender = new EventSender(bootstrap)) {
      c.all().forEach(sender::send);
      sender.send(baseProbe);
      sender.send(rtnProbe);
      await().atMost(WAIT).until(() -> results.probeAnalyses(ev).size() == 2);
      // gptq has neither tasks nor a probe: the evaluation waits until its failure arrives
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(20))
          .until(() -> ScoringPipelineTest.completed(recorder, ev).isEmpty());
      sender.send(failed);
      await().atMost(WAIT).until(() -> ScoringPipelineTest.completed(recorder, ev).size() == 1);
      EvaluationCompleted done = ScoringPipelineTest.completed(recorder, ev).getFirst();
      assertThat(done.status()).isEqualTo("FAILED");
      assertThat(verdict(done, "gptq").passed()).isFalse();
      assertThat(verdict(done, "gptq").reasons())
          .containsExactly("compression failed: out of memory");
      assertThat(verdict(done, "rtn").passed()).isTrue();
      assertThat(verdict(done, "base").passed()).isTrue();

      sender.send(CompressionFailed.of(ev, "gptq", "out of memory", false));
      sender.send(failed);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(20))
          .until(() -> ScoringPipelineTest.completed(recorder, ev).size() == 1);
    }
    assertThat(results.compressionFailures(ev))
        .singleElement()
        .satisfies(r -> assertThat(r.eventId()).isEqualTo(failed.eventId()));
  }

  @Test
  void aFailedBaseMakesTheEvaluationAnError() {
    String ev = "ev-" + UUID.randomUUID();
    Campaign c =
        new Campaign(ev).task("rtn", "exact/a", true).requested(ev, List.of("exact/a"), Map.of());
    try (var recorder = new KafkaTopicRecorder(bootstrap, List.of(Topics.EVALUATION_COMPLETED));
        var sender = new EventSender(bootstrap)) {
      c.all().forEach(sender::send);
      sender.send(CompressionFailed.of(ev, "base", "base checkpoint unreadable", false));
      await().atMost(WAIT).until(() -> ScoringPipelineTest.completed(recorder, ev).size() == 1);
      EvaluationCompleted done = ScoringPipelineTest.completed(recorder, ev).getFirst();
      assertThat(done.status()).isEqualTo("ERROR");
      assertThat(verdict(done, "base").reasons())
          .containsExactly("compression failed: base checkpoint unreadable");
      assertThat(verdict(done, "rtn").passed()).isFalse();
    }
  }

  @Test
  void poisonAndConflictingFailuresAreDeadLettered() {
    String ev = "ev-" + UUID.randomUUID();
    try (var recorder = new KafkaTopicRecorder(bootstrap, List.of(DLQ));
        var sender = new EventSender(bootstrap)) {
      sender.sendRaw(Topics.COMPRESSION_FAILED, ev, "{\"evaluationId\":\"" + ev + "\"");
      sender.send(CompressionFailed.of(ev, "rtn", " ", false));
      sender.send(CompressionFailed.of(ev, "awq", "disk full", true));
      await().atMost(WAIT).until(() -> results.compressionFailures(ev).size() == 1);
      sender.send(CompressionFailed.of(ev, "awq", "disk exploded", true));
      await().atMost(WAIT).until(() -> dead(recorder, ev).size() == 3);
      List<String> reasons =
          dead(recorder, ev).stream()
              .map(r -> CloudEventHeaders.get(r.headers(), "dead-letter-reason"))
              .toList();
      assertThat(reasons).anySatisfy(r -> assertThat(r).contains("malformed"));
      assertThat(reasons).anySatisfy(r -> assertThat(r).contains("'reason'"));
      assertThat(reasons)
          .anySatisfy(r -> assertThat(r).contains("conflicting duplicate").contains("reason"));
    }
    assertThat(results.compressionFailures(ev))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("disk full"));
  }

  private static List<ConsumerRecord<String, String>> dead(KafkaTopicRecorder recorder, String ev) {
    return recorder.records(DLQ).stream().filter(r -> r.value().contains(ev)).toList();
  }

  private static VariantVerdict verdict(EvaluationCompleted done, String variant) {
    return done.verdicts().stream()
        .filter(v -> v.variantId().equals(variant))
        .findFirst()
        .orElseThrow();
  }
}
