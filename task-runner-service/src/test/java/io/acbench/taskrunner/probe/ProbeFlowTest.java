package io.acbench.taskrunner.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.messaging.CloudEventHeaders;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.contracts.probe.ProbeFiles;
import io.acbench.contracts.probe.ProbeResult;
import io.acbench.contracts.probe.ProbeSequence;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.tokenizer.Tokenizer;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * model.ready with a probe set, on the real broker, against probe models on a real gRPC server
 * (llm-runtime forward passes of two fixture checkpoints): the base and its variant in either order
 * give two probe.completed whose files read back, the variant's with its own logits at the base's
 * top-k ids; a probe failure is reported and the tasks still complete; a redelivery re-reports.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(ProbeModelServerResource.class)
class ProbeFlowTest {

  private static final int WINDOWS = 6; // acbench.task-runner.probe.windows in the resource
  private static final int WINDOW_TOKENS = 32;
  private static final int K = 20;

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();
  private KafkaTopicRecorder recorder;

  @BeforeEach
  void record() {
    recorder =
        new KafkaTopicRecorder(bootstrap, List.of(Topics.PROBE_COMPLETED, Topics.TASK_COMPLETED));
  }

  @AfterEach
  void stop() {
    recorder.close();
  }

  private static Path checkpoint(String property) {
    return Path.of(System.getProperty(property));
  }

  private static ModelReady ready(String ev, String variantId, Path dir, String probeModel) {
    return ModelReady.of(
        ev,
        variantId,
        variantId.equals("base") ? "none" : "rtn",
        variantId + "-model",
        "sha-" + UUID.randomUUID(),
        dir.toUri().toString(),
        List.of("teval/review_str"),
        "builtin-v1",
        probeModel);
  }

  private void send(ModelReady ready) {
    KafkaTopicRecorder.send(
        bootstrap,
        Topics.MODEL_READY,
        ready.evaluationId(),
        EventJson.write(ready),
        CloudEventHeaders.of(ready, "/test"));
  }

  private List<ProbeCompleted> probes(String ev) {
    return recorder.values(Topics.PROBE_COMPLETED, v -> v.contains(ev)).stream()
        .map(v -> EventJson.read(v, ProbeCompleted.class))
        .toList();
  }

  private List<TaskCompleted> tasks(String ev) {
    return recorder.values(Topics.TASK_COMPLETED, v -> v.contains(ev)).stream()
        .map(v -> EventJson.read(v, TaskCompleted.class))
        .toList();
  }

  private static ProbeCompleted of(List<ProbeCompleted> events, String variantId) {
    return events.stream().filter(e -> e.variantId().equals(variantId)).findFirst().orElseThrow();
  }

  private static ProbeResult read(ProbeCompleted e) throws Exception {
    assertThat(e.resultUri()).startsWith("file:");
    return ProbeFiles.read(Path.of(URI.create(e.resultUri())), e.resultDigest());
  }

  @Test
  void baseThenVariantAreProbedAndARedeliveryReportsTheSameFile() throws Exception {
    String ev = "ev-" + UUID.randomUUID();
    send(ready(ev, "base", checkpoint(ProbeModelServerResource.BASE), "base-probe"));
    send(ready(ev, "rtn-w4", checkpoint(ProbeModelServerResource.VARIANT), "rtn-probe"));
    await().atMost(Duration.ofSeconds(120)).until(() -> probes(ev).size() == 2);
    await().atMost(Duration.ofSeconds(60)).until(() -> tasks(ev).size() == 2);
    assertThat(tasks(ev)).allSatisfy(t -> assertThat(t.status()).isEqualTo("COMPLETED"));

    List<ProbeCompleted> events = probes(ev);
    assertThat(events).extracting(ProbeCompleted::variantId).containsExactly("base", "rtn-w4");
    for (ProbeCompleted e : events) {
      assertThat(e.succeeded()).isTrue();
      assertThat(e.probeSetId()).isEqualTo("builtin-v1");
      assertThat(e.sequenceCount()).isEqualTo(WINDOWS);
      assertThat(e.positionCount()).isEqualTo(WINDOWS * WINDOW_TOKENS);
    }
    ProbeResult base = read(of(events, "base"));
    ProbeResult variant = read(of(events, "rtn-w4"));
    assertThat(base.topK()).isEqualTo(K);
    assertThat(base.hasReference()).isFalse();
    assertThat(variant.hasReference()).isTrue();

    int[] corpus;
    try (Tokenizer tokenizer = Tokenizer.load(checkpoint(ProbeModelServerResource.BASE))) {
      corpus = tokenizer.encode(ProbeSet.corpus("builtin-v1"), true);
    }
    try (Transformer model = Transformer.load(checkpoint(ProbeModelServerResource.VARIANT))) {
      int vocab = model.config().vocabSize();
      assertThat(base.vocabSize()).isEqualTo(vocab);
      for (int w = 0; w < WINDOWS; w++) {
        int[] window = Arrays.copyOfRange(corpus, w * WINDOW_TOKENS, (w + 1) * WINDOW_TOKENS);
        ProbeSequence b = base.sequences().get(w);
        ProbeSequence v = variant.sequences().get(w);
        assertThat(b.tokenIds()).isEqualTo(window);
        assertThat(v.tokenIds()).isEqualTo(window);
        assertThat(v.reference().ids()).isEqualTo(b.topIds());
        float[] logits = model.forward(window);
        for (int i = 0; i < v.reference().ids().length; i++) {
          int t = i / K;
          assertThat(v.reference().logits()[i])
              .isCloseTo(logits[t * vocab + v.reference().ids()[i]], within(1e-5f));
        }
      }
    }

    // a redelivered model.ready reports the stored file again; nothing is probed or rewritten
    ProbeCompleted first = of(events, "base");
    Path file = Path.of(URI.create(first.resultUri()));
    var modified = Files.getLastModifiedTime(file);
    send(ready(ev, "base", checkpoint(ProbeModelServerResource.BASE), "base-probe"));
    await().atMost(Duration.ofSeconds(60)).until(() -> probes(ev).size() == 3);
    ProbeCompleted again = probes(ev).get(2);
    assertThat(again.resultUri()).isEqualTo(first.resultUri());
    assertThat(again.resultDigest()).isEqualTo(first.resultDigest());
    assertThat(again.eventId()).isEqualTo(first.eventId());
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
  }

  @Test
  void aVariantBeforeItsBaseIsProbedWhenTheBaseIs() throws Exception {
    String ev = "ev-" + UUID.randomUUID();
    send(ready(ev, "rtn-w4", checkpoint(ProbeModelServerResource.VARIANT), "rtn-probe"));
    await().atMost(Duration.ofSeconds(60)).until(() -> tasks(ev).size() == 1);
    assertThat(probes(ev)).isEmpty(); // deferred, and the consumer went on with the tasks

    send(ready(ev, "base", checkpoint(ProbeModelServerResource.BASE), "base-probe"));
    await().atMost(Duration.ofSeconds(120)).until(() -> probes(ev).size() == 2);
    List<ProbeCompleted> events = probes(ev);
    assertThat(events).extracting(ProbeCompleted::variantId).containsExactly("base", "rtn-w4");
    ProbeResult base = read(events.get(0));
    ProbeResult variant = read(events.get(1));
    for (int w = 0; w < WINDOWS; w++) {
      assertThat(variant.sequences().get(w).reference().ids())
          .isEqualTo(base.sequences().get(w).topIds());
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> tasks(ev).size() == 2);
  }

  @Test
  void aProbeFailureIsReportedAndTheTasksStillComplete() {
    String ev = "ev-" + UUID.randomUUID();
    send(ready(ev, "base", checkpoint(ProbeModelServerResource.BASE), "missing-probe"));
    send(ready(ev, "rtn-w4", checkpoint(ProbeModelServerResource.VARIANT), "rtn-probe"));
    await().atMost(Duration.ofSeconds(60)).until(() -> tasks(ev).size() == 2);
    await().atMost(Duration.ofSeconds(60)).until(() -> probes(ev).size() == 2);
    assertThat(tasks(ev)).allSatisfy(t -> assertThat(t.status()).isEqualTo("COMPLETED"));
    ProbeCompleted base = of(probes(ev), "base");
    assertThat(base.succeeded()).isFalse();
    assertThat(base.error()).contains("missing-probe").contains("NOT_FOUND");
    assertThat(base.resultUri()).isNull();
    ProbeCompleted variant = of(probes(ev), "rtn-w4");
    assertThat(variant.succeeded()).isFalse();
    assertThat(variant.error()).startsWith("the base's probe failed: ");
  }
}
