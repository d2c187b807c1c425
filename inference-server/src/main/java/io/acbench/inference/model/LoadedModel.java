package io.acbench.inference.model;

import io.acbench.inference.generate.GenerationModel;
import io.acbench.inference.probe.ProbeModel;
import io.acbench.inference.stats.ModelStats;

/**
 * One model's place in the server: its lifecycle state and, when READY, the loaded instance.
 *
 * @param state {@code READY}, {@code LOADING}, {@code UNAVAILABLE} (or empty: never loaded)
 * @param reason why it is unavailable: the load error or {@code unloaded}
 * @param generation the loaded generation model (GENERATION kind, READY)
 * @param probe the loaded probe model (PROBE kind, READY)
 */
public record LoadedModel(
    String name,
    String state,
    String reason,
    ModelDefinition definition,
    GenerationModel generation,
    ProbeModel probe,
    ModelStats stats) {

  public static final String READY = "READY";
  public static final String LOADING = "LOADING";
  public static final String UNAVAILABLE = "UNAVAILABLE";

  public boolean ready() {
    return READY.equals(state);
  }

  public String version() {
    return definition == null ? "" : definition.version();
  }

  LoadedModel withState(String newState, String newReason) {
    return new LoadedModel(name, newState, newReason, definition, null, null, stats);
  }

  /** Closes the loaded instance (a generation model finishes its running requests first). */
  void close() {
    if (generation != null) {
      generation.close();
    }
    if (probe != null) {
      probe.close();
    }
  }
}
