package io.acbench.taskrunner.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.contracts.events.AcbenchEvent;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.contracts.probe.ProbeFiles;
import io.acbench.contracts.probe.ProbeReductions;
import io.acbench.contracts.probe.ProbeResult;
import io.acbench.contracts.probe.ProbeSequence;
import io.acbench.taskrunner.run.EventSink;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ProbeRunner} with an in-memory backend, a recording sink and a real store on disk. */
class ProbeRunnerTest {

  private static final int VOCAB = 40;
  private static final int K = 5;
  private static final List<int[]> WINDOWS =
      List.of(new int[] {1, 2, 3, 4}, new int[] {5, 6, 7, 8}, new int[] {9, 10, 11, 12});

  @TempDir Path dir;

  /** Seeded pseudo logits per (model, window start, position): a different "model" per name. */
  static float[][] logits(String model, int[] window) {
    float[][] out = new float[window.length][VOCAB];
    for (int t = 0; t < window.length; t++) {
      Random r = new Random(model.hashCode() * 31L + window[0] * 1009L + t);
      for (int v = 0; v < VOCAB; v++) {
        out[t][v] = (float) r.nextGaussian();
      }
    }
    return out;
  }

  static final class Backend implements ProbeBackend {
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean failing;

    @Override
    public List<ProbeSequence> probe(
        String model, List<int[]> windows, int topK, List<int[]> referenceIds) {
      calls.incrementAndGet();
      if (failing || model.startsWith("missing")) {
        throw new ProbeException("probe model '" + model + "' failed: NOT_FOUND");
      }
      List<ProbeSequence> out = new ArrayList<>();
      for (int w = 0; w < windows.size(); w++) {
        out.add(
            ProbeReductions.reduce(
                windows.get(w),
                logits(model, windows.get(w)),
                topK,
                referenceIds == null ? null : referenceIds.get(w)));
      }
      return out;
    }
  }

  static final class Sink implements EventSink {
    final List<ProbeCompleted> events = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> send(AcbenchEvent event) {
      events.add((ProbeCompleted) event);
      return CompletableFuture.completedFuture(null);
    }
  }

  private final Backend backend = new Backend();

  private ProbeRunner runner(Sink sink) {
    return new ProbeRunner(
        new ProbeStore(dir),
        ready -> new WindowSource.ProbeInput(WINDOWS, VOCAB),
        backend,
        sink,
        K,
        Duration.ofSeconds(5));
  }

  private static ModelReady ready(String ev, String variant, String probeModel) {
    return ModelReady.of(
        ev, variant, "rtn", variant + "-m", "sha", "/m", List.of(), "builtin-v1", probeModel);
  }

  private static ProbeResult read(ProbeCompleted e) throws Exception {
    return ProbeFiles.read(Path.of(URI.create(e.resultUri())), e.resultDigest());
  }

  @Test
  void theVariantCarriesItsLogitsAtTheBasesTopKIds() throws Exception {
    Sink sink = new Sink();
    runner(sink).run(ready("ev1", "base", "base-probe"));
    runner(sink).run(ready("ev1", "rtn-w4", "rtn-probe"));

    assertThat(sink.events).extracting(ProbeCompleted::variantId).containsExactly("base", "rtn-w4");
    assertThat(sink.events).allSatisfy(e -> assertThat(e.succeeded()).isTrue());
    assertThat(sink.events).allSatisfy(e -> assertThat(e.sequenceCount()).isEqualTo(3));
    assertThat(sink.events).allSatisfy(e -> assertThat(e.positionCount()).isEqualTo(12));
    ProbeResult base = read(sink.events.get(0));
    ProbeResult variant = read(sink.events.get(1));
    assertThat(base.hasReference()).isFalse();
    assertThat(variant.hasReference()).isTrue();
    for (int w = 0; w < WINDOWS.size(); w++) {
      ProbeSequence b = base.sequences().get(w);
      ProbeSequence v = variant.sequences().get(w);
      assertThat(v.tokenIds()).isEqualTo(WINDOWS.get(w));
      assertThat(v.reference().ids()).isEqualTo(b.topIds());
      float[][] own = logits("rtn-probe", WINDOWS.get(w));
      for (int i = 0; i < v.reference().ids().length; i++) {
        assertThat(v.reference().logits()[i]).isEqualTo(own[i / K][v.reference().ids()[i]]);
      }
      // the variant's own top-k is its own, not the base's
      assertThat(v.topIds()).isEqualTo(ProbeReductions.reduce(v.tokenIds(), own, K, null).topIds());
    }
  }

  @Test
  void aVariantBeforeTheBaseIsDeferredAndARestartedRunnerDeliversIt() throws Exception {
    Sink first = new Sink();
    runner(first).run(ready("ev2", "awq-w4", "awq-probe"));
    assertThat(first.events).isEmpty();
    assertThat(backend.calls.get()).isZero();

    Sink second = new Sink(); // a new runner on the same state: the first one is gone
    runner(second).run(ready("ev2", "base", "base-probe"));
    assertThat(second.events)
        .extracting(ProbeCompleted::variantId)
        .containsExactly("base", "awq-w4");
    assertThat(read(second.events.get(1)).sequences().get(0).reference().ids())
        .isEqualTo(read(second.events.get(0)).sequences().get(0).topIds());

    // the deferral is used up: the base again re-reports, it does not probe the variant again
    int calls = backend.calls.get();
    Sink third = new Sink();
    runner(third).run(ready("ev2", "base", "base-probe"));
    assertThat(third.events).extracting(ProbeCompleted::variantId).containsExactly("base");
    assertThat(backend.calls.get()).isEqualTo(calls);
  }

  @Test
  void aRedeliveredReadyReEmitsTheSameResultWithoutProbing() throws Exception {
    Sink sink = new Sink();
    runner(sink).run(ready("ev3", "base", "base-probe"));
    runner(sink).run(ready("ev3", "base", "base-probe"));
    assertThat(backend.calls.get()).isEqualTo(1);
    ProbeCompleted a = sink.events.get(0);
    ProbeCompleted b = sink.events.get(1);
    assertThat(b.resultUri()).isEqualTo(a.resultUri());
    assertThat(b.resultDigest()).isEqualTo(a.resultDigest()).hasSize(64);
    assertThat(b.eventId()).isEqualTo(a.eventId());
  }

  @Test
  void failuresAreReportedAsFailedProbes() throws Exception {
    Sink sink = new Sink();
    runner(sink).run(ready("ev4", "base", "base-probe"));
    runner(sink).run(ready("ev4", "gptq-w4", null));
    runner(sink).run(ready("ev4", "wanda", "missing-probe"));
    assertThat(sink.events.get(1).succeeded()).isFalse();
    assertThat(sink.events.get(1).error())
        .contains("no probe model is served for variant 'gptq-w4'");
    assertThat(sink.events.get(1).resultUri()).isNull();
    assertThat(sink.events.get(2).error()).contains("missing-probe").contains("NOT_FOUND");
  }

  @Test
  void aFailedBaseFailsItsDeferredAndLaterVariants() throws Exception {
    Sink sink = new Sink();
    runner(sink).run(ready("ev5", "rtn-w4", "rtn-probe"));
    backend.failing = true;
    runner(sink).run(ready("ev5", "base", "base-probe"));
    runner(sink).run(ready("ev5", "awq-w4", "awq-probe"));
    assertThat(sink.events)
        .extracting(ProbeCompleted::variantId)
        .containsExactly("base", "rtn-w4", "awq-w4");
    assertThat(sink.events).allSatisfy(e -> assertThat(e.succeeded()).isFalse());
    assertThat(sink.events.get(2).error()).startsWith("the base's probe failed: ");

    backend.failing = false; // a redelivered base succeeds and later variants compare against it
    runner(sink).run(ready("ev5", "base", "base-probe"));
    runner(sink).run(ready("ev5", "awq-w4", "awq-probe"));
    assertThat(sink.events.subList(3, 5)).allSatisfy(e -> assertThat(e.succeeded()).isTrue());
  }

  @Test
  void anUnacknowledgedReportThrowsAndTheRetryReportsTheStoredFile() throws Exception {
    EventSink refusing =
        event -> CompletableFuture.failedFuture(new IllegalStateException("broker down"));
    ProbeRunner broken =
        new ProbeRunner(
            new ProbeStore(dir),
            ready -> new WindowSource.ProbeInput(WINDOWS, VOCAB),
            backend,
            refusing,
            K,
            Duration.ofSeconds(5));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> broken.run(ready("ev7", "base", "base-probe")))
        .isInstanceOf(ProbeReportException.class)
        .hasMessageContaining("probe.completed of base was not acknowledged");

    Sink sink = new Sink(); // the model.ready comes again (not committed)
    runner(sink).run(ready("ev7", "base", "base-probe"));
    assertThat(backend.calls.get()).isEqualTo(1);
    assertThat(sink.events).hasSize(1);
    assertThat(read(sink.events.get(0)).sequences()).hasSize(WINDOWS.size());
  }

  @Test
  void aReadyWithoutProbeSetIsNotProbed() throws Exception {
    Sink sink = new Sink();
    runner(sink).run(ModelReady.of("ev6", "base", "none", "m", "sha", "/m", List.of()));
    assertThat(sink.events).isEmpty();
    assertThat(backend.calls.get()).isZero();
  }
}
