package io.acbench.compressor.service;

import io.acbench.compressor.cache.ArtifactCache;
import io.acbench.compressor.calibration.CalibrationFiles;
import io.acbench.compressor.calibration.CalibrationSource;
import io.acbench.compressor.calibration.DefaultCorpus;
import io.acbench.compressor.checkpoint.ModelRepositoryEntry;
import io.acbench.compressor.config.CompressorConfig;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Builds the variants of evaluation requests on one worker thread (never the Kafka poll thread):
 * for the base model and every variant, produce or reuse the artifact, register it with the
 * inference backend, and emit {@code compression.progress} per layer, then {@code model.ready} or
 * {@code compression.failed}. Idempotent on (evaluationId, variantId): a redelivered request is
 * ignored for the variants already taken; a new evaluation with the same recipe reuses the cache.
 */
@ApplicationScoped
public class CompressionService {

  /** Variant parameter naming a calibration file (txt or jsonl) instead of the default corpus. */
  public static final String CALIBRATION_PARAMETER = "calibration";

  private static final Logger LOG = Logger.getLogger(CompressionService.class);

  private final Emitter<String> progress;
  private final Emitter<String> ready;
  private final Emitter<String> failed;
  private final CompressorConfig config;
  private final InferenceRegistry registry;
  private final VariantBuilder builder;
  private final Counter built;
  private final Counter reused;
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
      worker.submit(() -> process(request, v));
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
      String calibrationFile = params.remove(CALIBRATION_PARAMETER);
      CompressionSpec spec = CompressionSpec.parse(v.method(), params);
      CalibrationSource calibration =
          calibrationFile == null
              ? DefaultCorpus.load()
              : CalibrationFiles.read(Path.of(calibrationFile));
      VariantBuilder.Built b =
          builder.build(
              modelDir(request.baseModelUri()),
              spec,
              calibration,
              (done, total, eta) ->
                  emit(
                      progress,
                      CompressionProgress.of(
                          evaluationId, v.variantId(), "layer", done, total, Math.round(eta))));
      (b.reused() ? reused : built).increment();
      registry.register(b.modelName(), b.repositoryEntry());
      String probeModel = probeModel(request, b, spec);
      emit(
          ready,
          ModelReady.of(
              evaluationId,
              v.variantId(),
              spec.method().id(),
              b.modelName(),
              b.artifactDigest(),
              b.artifact().toUri().toString(),
              request.taskIds(),
              request.probeSetId(),
              probeModel));
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
   * Writes and loads the variant's probe model when the request asks for probing; returns its name,
   * or null when none was asked for or it could not be loaded (the runner then reports the probe as
   * failed; the variant's tasks still run).
   */
  private String probeModel(
      EvaluationRequested request, VariantBuilder.Built b, CompressionSpec spec) {
    if (request.probeSetId() == null) {
      return null;
    }
    String name = ModelRepositoryEntry.probeName(b.modelName());
    try {
      registry.register(name, builder.writeProbeEntry(b, spec));
      return name;
    } catch (java.io.IOException | InferenceRegistry.RegistrationException e) {
      LOG.warnf(
          "probe model %s of %s not loaded: %s", name, request.evaluationId(), e.getMessage());
      return null;
    }
  }

  private void fail(
      String evaluationId, EvaluationRequested.VariantSpec v, String reason, boolean retryable) {
    LOG.warnf("evaluation %s variant %s failed: %s", evaluationId, v.variantId(), reason);
    emit(
        failed,
        CompressionFailed.of(
            evaluationId,
            v.variantId(),
            "variant " + v.variantId() + " (" + v.method() + "): " + reason,
            retryable));
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
  }
}
