package io.acbench.compressor.service;

import io.acbench.compressor.cache.ArtifactCache;
import io.acbench.compressor.calibration.CalibrationChoice;
import io.acbench.compressor.calibration.CalibrationSource;
import io.acbench.compressor.calibration.TaskPrompts;
import io.acbench.compressor.checkpoint.ModelRepositoryEntry;
import io.acbench.compressor.config.CompressorConfig;
import io.acbench.compressor.idempotence.Outcome;
import io.acbench.compressor.idempotence.OutcomeJournal;
import io.acbench.compressor.pipeline.VariantBuilder;
import io.acbench.compressor.recipe.CompressionSpec;
import io.acbench.compressor.registry.InferenceRegistry;
import io.acbench.contracts.Topics;
import io.acbench.contracts.events.AcbenchEvent;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.CompressionProgress;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.messaging.KafkaEventMessages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Builds the variants of evaluation requests on one worker thread (never the Kafka poll thread):
 * for the base model and every variant, produce or reuse the artifact, register it with the
 * inference backend, and emit {@code compression.progress} per layer, then {@code model.ready} or
 * {@code compression.failed}. Idempotent on (evaluationId, variantId): a redelivered request is
 * ignored for the variants this process already took; after a restart, a variant the {@link
 * OutcomeJournal} records as finished is re-registered and its recorded event emitted again,
 * without compressing. A new evaluation with the same recipe reuses the cache.
 */
@ApplicationScoped
public class CompressionService {

  /**
   * Variant parameter naming the calibration source: {@code default}, {@code tasks}, {@code
   * tasks:<id>,<id>} or a file (txt or jsonl), see {@link CalibrationChoice}.
   */
  public static final String CALIBRATION_PARAMETER = "calibration";

  /** Directory under the artifact directory holding the {@link OutcomeJournal}. */
  public static final String JOURNAL_DIR = "idempotence";

  private static final Logger LOG = Logger.getLogger(CompressionService.class);

  private final Emitter<String> progress;
  private final Emitter<String> ready;
  private final Emitter<String> failed;
  private final CompressorConfig config;
  private final InferenceRegistry registry;
  private final VariantBuilder builder;
  private final Counter built;
  private final Counter reused;
  private final OutcomeJournal journal;
  private final Set<String> taken = ConcurrentHashMap.newKeySet();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("compressor-worker").unstarted(r));

  public CompressionService(
      @Channel(Topics.COMPRESSION_PROGRESS) Emitter<String> progress,
      @Channel(Topics.MODEL_READY) Emitter<String> ready,
      @Channel(Topics.COMPRESSION_FAILED) Emitter<String> failed,
      CompressorConfig config,
      InferenceRegistry registry,
      MeterRegistry meters) {
    this.progress = progress;
    this.ready = ready;
    this.failed = failed;
    this.config = config;
    this.registry = registry;
    this.builder =
        new VariantBuilder(new ArtifactCache(config.artifactDir()), config.repositoryDir());
    this.journal = OutcomeJournal.open(config.artifactDir().resolve(JOURNAL_DIR));
    this.built =
        Counter.builder("acbench.compressor.artifacts.built")
            .description("Variants compressed (cache misses)")
            .register(meters);
    this.reused =
        Counter.builder("acbench.compressor.artifacts.reused")
            .description("Variants served from the artifact cache or the base model")
            .register(meters);
  }

  /** Queues the request's variants (the base model first); returns at once. */
  public void submit(EvaluationRequested request) {
    List<EvaluationRequested.VariantSpec> variants = new ArrayList<>();
    variants.add(new EvaluationRequested.VariantSpec("base", "none", Map.of()));
    variants.addAll(request.variants());
    for (EvaluationRequested.VariantSpec v : variants) {
      if (!taken.add(request.evaluationId() + "/" + v.variantId())) {
        LOG.infof(
            "evaluation %s variant %s already taken: ignored",
            request.evaluationId(), v.variantId());
        continue;
      }
      Optional<Outcome> finished = journal.find(request.evaluationId(), v.variantId());
      worker.submit(
          () -> finished.ifPresentOrElse(o -> replay(request, v, o), () -> process(request, v)));
    }
  }

  /** Artifacts compressed so far (cache misses). */
  public double builtCount() {
    return built.count();
  }

  private void process(EvaluationRequested request, EvaluationRequested.VariantSpec v) {
    String evaluationId = request.evaluationId();
    try {
      Map<String, String> params = new HashMap<>(v.parameters());
      String calibrationChoice = params.remove(CALIBRATION_PARAMETER);
      CompressionSpec spec = CompressionSpec.parse(v.method(), params);
      Path modelDir = modelDir(request.baseModelUri());
      CalibrationSource calibration =
          CalibrationChoice.resolve(
              calibrationChoice, request.taskIds(), () -> taskPrompts(modelDir));
      VariantBuilder.Built b =
          builder.build(
              modelDir,
              spec,
              calibration,
              (done, total, eta) ->
                  emit(
                      progress,
                      CompressionProgress.of(
                          evaluationId, v.variantId(), "layer", done, total, Math.round(eta))));
      (b.reused() ? reused : built).increment();
      registry.register(b.modelName(), b.repositoryEntry());
      List<Outcome.Registration> registrations = new ArrayList<>();
      registrations.add(new Outcome.Registration(b.modelName(), b.repositoryEntry()));
      Outcome.Registration probe = probeModel(request, b, spec);
      if (probe != null) {
        registrations.add(probe);
      }
      ModelReady event =
          ModelReady.of(
              evaluationId,
              v.variantId(),
              spec.method().id(),
              b.modelName(),
              b.artifactDigest(),
              b.artifact().toUri().toString(),
              request.taskIds(),
              request.probeSetId(),
              probe == null ? null : probe.modelName());
      emit(ready, event);
      remember(Outcome.ready(event, List.copyOf(registrations)));
    } catch (IllegalArgumentException e) {
      fail(evaluationId, v, e.getMessage(), false);
    } catch (InferenceRegistry.RegistrationException e) {
      fail(evaluationId, v, e.getMessage(), e.retryable());
    } catch (Exception | OutOfMemoryError e) {
      LOG.errorf(e, "variant %s of %s failed", v.variantId(), evaluationId);
      fail(evaluationId, v, "compression failed: " + e, true);
    }
  }

  /**
   * Writes and loads the variant's probe model when the request asks for probing; returns its
   * registration (replayed after a restart like the generation model's), or null when none was
   * asked for or it could not be loaded (the runner then reports the probe as failed; the variant's
   * tasks still run).
   */
  private Outcome.Registration probeModel(
      EvaluationRequested request, VariantBuilder.Built b, CompressionSpec spec) {
    if (request.probeSetId() == null) {
      return null;
    }
    String name = ModelRepositoryEntry.probeName(b.modelName());
    try {
      java.nio.file.Path entry = builder.writeProbeEntry(b, spec);
      registry.register(name, entry);
      return new Outcome.Registration(name, entry);
    } catch (java.io.IOException | InferenceRegistry.RegistrationException e) {
      LOG.warnf(
          "probe model %s of %s not loaded: %s", name, request.evaluationId(), e.getMessage());
      return null;
    }
  }

  private void fail(
      String evaluationId, EvaluationRequested.VariantSpec v, String reason, boolean retryable) {
    LOG.warnf("evaluation %s variant %s failed: %s", evaluationId, v.variantId(), reason);
    CompressionFailed event =
        CompressionFailed.of(
            evaluationId,
            v.variantId(),
            "variant " + v.variantId() + " (" + v.method() + "): " + reason,
            retryable);
    emit(failed, event);
    if (!retryable) {
      remember(Outcome.failed(event));
    }
  }

  /**
   * A variant finished before a restart: load its models on the backend again (a restarted backend
   * forgets them) and emit the recorded event as it was. A ready variant whose artifact or
   * repository entry is gone is built again instead.
   */
  private void replay(EvaluationRequested request, EvaluationRequested.VariantSpec v, Outcome o) {
    String evaluationId = request.evaluationId();
    AcbenchEvent event = o.event();
    if (event instanceof ModelReady r && !stillThere(r.artifactUri(), o.registrations())) {
      LOG.warnf(
          "evaluation %s variant %s: recorded artifact %s or its entry is gone: building again",
          evaluationId, v.variantId(), r.artifactUri());
      process(request, v);
      return;
    }
    try {
      for (Outcome.Registration reg : o.registrations()) {
        registry.register(reg.modelName(), reg.entry());
      }
    } catch (InferenceRegistry.RegistrationException e) {
      fail(evaluationId, v, e.getMessage(), e.retryable());
      return;
    }
    LOG.infof(
        "evaluation %s variant %s finished before: %s emitted again",
        evaluationId, v.variantId(), o.topic());
    if (event instanceof ModelReady) {
      emit(ready, event);
      reused.increment();
    } else {
      emit(failed, event);
    }
  }

  private static boolean stillThere(String artifactUri, List<Outcome.Registration> registrations) {
    try {
      Path artifact = Path.of(URI.create(artifactUri));
      return Files.isRegularFile(artifact.resolve("config.json"))
          && registrations.stream().allMatch(g -> Files.isDirectory(g.entry()));
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return false;
    }
  }

  private void remember(Outcome outcome) {
    try {
      journal.record(outcome);
    } catch (RuntimeException e) {
      LOG.errorf(
          e,
          "evaluation %s variant %s: outcome not journaled; a redelivery after a restart"
              + " builds it again",
          outcome.evaluationId(),
          outcome.variantId());
    }
  }

  private TaskPrompts taskPrompts(Path modelDir) {
    return new TaskPrompts(
        config.datasetDir(), config.worfbenchMode(), config.tevalTemplate(), modelDir);
  }

  private void emit(Emitter<String> emitter, AcbenchEvent event) {
    emitter.send(KafkaEventMessages.of(event, config.eventSource()));
  }

  /** A directory path or a {@code file:} URI. */
  static Path modelDir(String uri) {
    if (uri.startsWith("file:")) {
      return Path.of(URI.create(uri));
    }
    if (uri.contains("://")) {
      throw new IllegalArgumentException(
          "baseModelUri " + uri + ": only local directories and file: URIs are supported");
    }
    return Path.of(uri);
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    journal.close();
  }
}
