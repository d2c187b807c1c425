package io.acbench.inference.model;

import io.acbench.inference.config.InferenceServerConfig;
import io.acbench.inference.generate.GenerationModel;
import io.acbench.inference.probe.ProbeModel;
import io.acbench.inference.stats.ModelStats;
import io.acbench.inference.tensor.InferenceException;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The model repository under explicit model control (kserve-v2-protocol.md §4.2): models load at
 * start-up ({@code acbench.inference.load-models}) or through RepositoryModelLoad, which blocks
 * until the load ends and reloads a loaded model; RepositoryModelUnload marks the model unavailable
 * at once and lets its running requests finish.
 */
@ApplicationScoped
public class ModelManager {

  private static final Logger LOG = Logger.getLogger(ModelManager.class);

  private final InferenceServerConfig config;
  private final MeterRegistry meters;
  private final RepositoryReader reader;
  private final Map<String, LoadedModel> models = new ConcurrentHashMap<>();

  public ModelManager(InferenceServerConfig config, MeterRegistry meters) {
    this.config = config;
    this.meters = meters;
    this.reader = new RepositoryReader(config.modelRepository());
  }

  void onStart(@Observes StartupEvent event) {
    List<String> names = config.loadModels().orElse(List.of());
    List<String> toLoad = names.equals(List.of("*")) ? reader.modelNames() : names;
    for (String name : toLoad) {
      try {
        load(name);
      } catch (InferenceException e) {
        LOG.errorf("start-up load of model %s failed: %s", name, e.getMessage());
      }
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    models.values().forEach(LoadedModel::close);
  }

  /** Loads or reloads a model; returns when it is READY, throws when the load failed. */
  public synchronized void load(String name) {
    if (!RepositoryReader.isSafeName(name)) {
      throw InferenceException.invalid("invalid model name '" + name + "'");
    }
    if (!reader.exists(name)) {
      throw InferenceException.notFound(
          "failed to load '" + name + "', no model directory in the model repository");
    }
    LoadedModel old = models.get(name);
    ModelStats stats = old != null ? old.stats() : null;
    if (old == null || !old.ready()) {
      models.put(name, new LoadedModel(name, LoadedModel.LOADING, "", null, null, null, stats));
    }
    try {
      ModelDefinition def = reader.read(name);
      ModelStats fresh = new ModelStats(name, def.version());
      LoadedModel loaded =
          def.kind() == ModelKind.GENERATION
              ? new LoadedModel(
                  name, LoadedModel.READY, "", def, generation(def, fresh), null, fresh)
              : new LoadedModel(
                  name,
                  LoadedModel.READY,
                  "",
                  def,
                  null,
                  new ProbeModel(def, config.maxSequenceLength(), fresh),
                  fresh);
      models.put(name, loaded);
      if (old != null) {
        old.close();
      }
      LOG.infof("loaded model %s version %s (%s)", name, def.version(), def.kind());
    } catch (RuntimeException e) {
      String reason = "failed to load '" + name + "', " + e.getMessage();
      if (old == null || !old.ready()) {
        models.put(
            name, new LoadedModel(name, LoadedModel.UNAVAILABLE, reason, null, null, null, stats));
      }
      throw new InferenceException(Status.Code.INTERNAL, reason);
    }
  }

  private GenerationModel generation(ModelDefinition def, ModelStats stats) {
    return new GenerationModel(
        def, config.maxBatchSize(), config.maxSequenceLength(), config.queueSize(), stats, meters);
  }

  /** Unloads a model; unloading a model that is not loaded succeeds. */
  public synchronized void unload(String name) {
    if (!RepositoryReader.isSafeName(name)) {
      throw InferenceException.invalid("invalid model name '" + name + "'");
    }
    LoadedModel old = models.get(name);
    if (old == null) {
      if (!reader.exists(name)) {
        throw InferenceException.unknownModel(name);
      }
      return;
    }
    models.put(name, old.withState(LoadedModel.UNAVAILABLE, "unloaded"));
    old.close();
  }

  /**
   * The READY model a request names (§5.2): NOT_FOUND for an unknown model, a missing version or no
   * ready version, UNAVAILABLE for an existing version that is not ready, INVALID_ARGUMENT for a
   * version that is not a number.
   */
  public LoadedModel resolve(String name, String version) {
    if (!version.isEmpty() && !version.matches("[0-9]+")) {
      throw InferenceException.invalid(
          "failed to parse version '" + version + "' of model '" + name + "': not an integer");
    }
    LoadedModel m = models.get(name);
    if (m == null) {
      throw InferenceException.unknownModel(name);
    }
    if (!version.isEmpty() && m.definition() != null && !version.equals(m.version())) {
      throw InferenceException.unknownVersion(name, version);
    }
    if (!m.ready()) {
      if (version.isEmpty()) {
        throw InferenceException.noAvailableVersions(name);
      }
      throw InferenceException.unavailable(
          "Request for unknown model: '"
              + name
              + "' version "
              + version
              + " is not at ready state");
    }
    return m;
  }

  /** Strict readiness: every known model is READY, ignoring unloaded and never-loaded ones. */
  public boolean serverReady() {
    return models.values().stream().allMatch(m -> m.ready() || "unloaded".equals(m.reason()));
  }

  /** Every repository model with its state, sorted by name. */
  public List<LoadedModel> index() {
    List<LoadedModel> out = new ArrayList<>();
    for (String name : reader.modelNames()) {
      out.add(models.getOrDefault(name, new LoadedModel(name, "", "", null, null, null, null)));
    }
    models.keySet().stream()
        .filter(n -> out.stream().noneMatch(m -> m.name().equals(n)))
        .forEach(n -> out.add(models.get(n)));
    return out;
  }

  /** Models that have statistics (loaded at least once). */
  public List<LoadedModel> withStats() {
    return models.values().stream().filter(m -> m.stats() != null).toList();
  }
}
