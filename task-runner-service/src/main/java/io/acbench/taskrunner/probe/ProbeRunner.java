package io.acbench.taskrunner.probe;

import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.contracts.probe.ProbeResult;
import io.acbench.contracts.probe.ProbeSequence;
import io.acbench.taskrunner.run.EventSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Runs the probe set of a {@code model.ready} (benchmark-spec §4) and reports it with {@code
 * acbench.probe.completed}.
 *
 * <p>The base ({@code variantId = base}) is probed on the probe set's windows and stored. A variant
 * is probed on the same windows with {@code reference_ids} = the base's top-k ids per window and
 * position, so its file carries its logits at the base's top-k (top-k correlation, KL). A variant
 * whose {@code model.ready} comes before the base's result exists is deferred on disk and probed
 * right after the base's probe, by this runner or by a restarted one; if the base's probe fails,
 * the deferred variants are reported failed. A result already on disk is reported again (same file,
 * same digest, same event id) without probing. Probe failures (no probe model, backend error,
 * tokenizer missing) become {@link ProbeCompleted#failed}; an unacknowledged event throws {@link
 * ProbeReportException}.
 */
public final class ProbeRunner {

  /** The variant id of the uncompressed base model. */
  public static final String BASE = "base";

  private static final Logger LOG = Logger.getLogger(ProbeRunner.class);

  private final ProbeStore store;
  private final WindowSource windows;
  private final ProbeBackend backend;
  private final EventSink sink;
  private final int topK;
  private final Duration ackTimeout;

  public ProbeRunner(
      ProbeStore store,
      WindowSource windows,
      ProbeBackend backend,
      EventSink sink,
      int topK,
      Duration ackTimeout) {
    this.store = store;
    this.windows = windows;
    this.backend = backend;
    this.sink = sink;
    this.topK = topK;
    this.ackTimeout = ackTimeout;
  }

  /** Probes the variant if its {@code model.ready} names a probe set. */
  public void run(ModelReady ready) throws InterruptedException, IOException {
    if (ready.probeSetId() == null) {
      return;
    }
    if (BASE.equals(ready.variantId())) {
      runBase(ready);
    } else {
      runVariant(ready);
    }
  }

  private void runBase(ModelReady base) throws InterruptedException, IOException {
    String ev = base.evaluationId();
    String set = base.probeSetId();
    String failure = null;
    try {
      report(base, store.read(ev, BASE, set).orElseGet(() -> probe(base, null)));
      store.clearBaseFailure(ev, set);
    } catch (ProbeException e) {
      failure = e.getMessage();
      store.baseFailed(ev, set, failure);
      reportFailed(base, failure);
    }
    for (ModelReady variant : store.deferred(ev, set)) {
      LOG.infof("%s/%s: running the deferred probe", ev, variant.variantId());
      if (failure == null) {
        runVariant(variant);
      } else {
        reportFailed(variant, "the base's probe failed: " + failure);
      }
      store.removeDeferred(variant);
    }
  }

  private void runVariant(ModelReady ready) throws InterruptedException, IOException {
    String ev = ready.evaluationId();
    String set = ready.probeSetId();
    Optional<ProbeStore.Stored> own = store.read(ev, ready.variantId(), set);
    if (own.isPresent()) {
      report(ready, own.get());
      return;
    }
    Optional<ProbeStore.Stored> base = store.read(ev, BASE, set);
    if (base.isEmpty()) {
      Optional<String> baseFailure = store.baseFailure(ev, set);
      if (baseFailure.isPresent()) {
        reportFailed(ready, "the base's probe failed: " + baseFailure.get());
      } else {
        LOG.infof("%s/%s: the base is not probed yet, deferring", ev, ready.variantId());
        store.defer(ready);
      }
      return;
    }
    try {
      report(ready, probe(ready, base.get().result()));
    } catch (ProbeException e) {
      reportFailed(ready, e.getMessage());
    }
  }

  /** Probes and stores; {@code reference} is the base's result for a variant, null for the base. */
  private ProbeStore.Stored probe(ModelReady ready, ProbeResult reference) {
    try {
      return probeOnce(ready, reference);
    } catch (ProbeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ProbeException("probe failed: " + e, e);
    }
  }

  private ProbeStore.Stored probeOnce(ModelReady ready, ProbeResult reference) {
    if (ready.probeModelName() == null) {
      throw new ProbeException(
          "no probe model is served for variant '"
              + ready.variantId()
              + "' (model.ready has no probeModelName)");
    }
    WindowSource.ProbeInput input = windows.windows(ready);
    List<int[]> referenceIds = reference == null ? null : referenceIds(reference, input.windows());
    long start = System.nanoTime();
    List<ProbeSequence> sequences =
        backend.probe(ready.probeModelName(), input.windows(), topK, referenceIds);
    try {
      ProbeResult result = new ProbeResult(input.vocabSize(), topK, sequences);
      ProbeStore.Stored stored =
          store.write(ready.evaluationId(), ready.variantId(), ready.probeSetId(), result);
      LOG.infof(
          "%s/%s probe %s: %d windows, %d positions in %d ms -> %s",
          ready.evaluationId(),
          ready.variantId(),
          ready.probeSetId(),
          sequences.size(),
          result.positionCount(),
          (System.nanoTime() - start) / 1_000_000,
          stored.path());
      return stored;
    } catch (IOException | IllegalArgumentException e) {
      throw new ProbeException("probe result not stored: " + e.getMessage(), e);
    }
  }

  /** The base's top-k ids per window, checked to be on the same windows. */
  private static List<int[]> referenceIds(ProbeResult base, List<int[]> windows) {
    if (base.sequences().size() != windows.size()) {
      throw new ProbeException(
          "the base was probed on "
              + base.sequences().size()
              + " windows, this variant has "
              + windows.size());
    }
    List<int[]> out = new ArrayList<>();
    for (int w = 0; w < windows.size(); w++) {
      ProbeSequence s = base.sequences().get(w);
      if (!Arrays.equals(s.tokenIds(), windows.get(w))) {
        throw new ProbeException(
            "window " + w + " differs from the base's: the variant's tokenizer is not the base's");
      }
      out.add(s.topIds());
    }
    return out;
  }

  private void report(ModelReady ready, ProbeStore.Stored stored) throws InterruptedException {
    String naturalKey =
        String.join("/", ready.evaluationId(), ready.variantId(), ready.probeSetId());
    String eventId =
        UUID.nameUUIDFromBytes(
                (naturalKey + "|" + stored.digest()).getBytes(StandardCharsets.UTF_8))
            .toString();
    send(
        new ProbeCompleted(
            ProbeCompleted.SCHEMA_VERSION,
            eventId,
            Instant.now(),
            ready.evaluationId(),
            ready.variantId(),
            ready.probeSetId(),
            stored.uri(),
            stored.digest(),
            stored.result().sequences().size(),
            stored.result().positionCount(),
            null));
  }

  private void reportFailed(ModelReady ready, String reason) throws InterruptedException {
    LOG.warnf("%s/%s probe failed: %s", ready.evaluationId(), ready.variantId(), reason);
    send(
        ProbeCompleted.failed(ready.evaluationId(), ready.variantId(), ready.probeSetId(), reason));
  }

  private void send(ProbeCompleted event) throws InterruptedException {
    try {
      sink.send(event).toCompletableFuture().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new ProbeReportException(
          "probe.completed of " + event.variantId() + " was not acknowledged", e);
    }
  }
}
