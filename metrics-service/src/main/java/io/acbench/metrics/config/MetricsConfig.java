package io.acbench.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of the metrics-service ({@code acbench.metrics.*}). */
@ConfigMapping(prefix = "acbench.metrics")
public interface MetricsConfig {

  /** CloudEvents {@code source} of the events this service emits. */
  @WithDefault("/acbench/metrics-service")
  String eventSource();
}
