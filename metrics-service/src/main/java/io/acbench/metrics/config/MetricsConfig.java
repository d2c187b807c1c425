package io.acbench.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Typed configuration of the metrics-service ({@code acbench.metrics.*}). */
@ConfigMapping(prefix = "acbench.metrics")
public interface MetricsConfig {

  /** CloudEvents {@code source} of the events this service emits. */
  @WithDefault("/acbench/metrics-service")
  String eventSource();

  /**
   * Base URL under which this service is reached from outside; {@code evaluation.completed} carries
   * {@code <public-url>/api/v1/results/<id>/report.html}.
   */
  @WithDefault("http://localhost:8083")
  String publicUrl();

  /** The results store. */
  Store store();

  /** Task aggregation. */
  Scoring scoring();

  /** The default verdict policy. */
  Verdict verdict();

  /** The outbox relay. */
  Outbox outbox();

  /** Outbox relay settings. */
  interface Outbox {
    /** How often the relay looks for unsent events (besides after each write and at startup). */
    @WithDefault("PT5S")
    java.time.Duration pollInterval();

    /** How long the relay waits for the broker to acknowledge one event. */
    @WithDefault("PT30S")
    java.time.Duration sendTimeout();
  }

  /** Results store settings. */
  interface Store {
    /**
     * Which named Quarkus datasource holds the results: {@code h2} (embedded default) or {@code
     * postgresql} (production); only that datasource may be active.
     */
    @WithDefault("h2")
    String datasource();
  }

  /** Aggregation of a (variant, task). */
  interface Scoring {
    /** Bootstrap resamples for the confidence interval of a task score. */
    @WithDefault("1000")
    int bootstrapResamples();

    /** Confidence level of the task score interval. */
    @WithDefault("0.95")
    double confidenceLevel();

    /** Seed of the bootstrap resampling (results are reproducible). */
    @WithDefault("20250101")
    long bootstrapSeed();
  }

  /** Default thresholds; an evaluation's {@code thresholds} map overrides them key by key. */
  interface Verdict {
    /**
     * Default thresholds as comma-separated {@code KEY=VALUE} entries, keys in the syntax {@code
     * RULE[:SELECTOR][#METRIC]} (see metrics-service/README.md), e.g. {@code
     * max-relative-drop=0.10}.
     */
    @WithDefault("max-relative-drop=0.10")
    List<String> defaults();
  }
}
