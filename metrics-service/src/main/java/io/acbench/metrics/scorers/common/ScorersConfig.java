package io.acbench.metrics.scorers.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Modes of the agentic-task scorers ({@code acbench.metrics.scorers.*}). */
@ConfigMapping(prefix = "acbench.metrics.scorers")
public interface ScorersConfig {

  /** WorfBench: {@code parity} (ACBench behaviour, B1/B2/B4) or {@code corrected} (§6 fixes). */
  @WithDefault("parity")
  ScoringMode worfbenchMode();

  /** T-Eval: {@code parity} (plan LIS floor, B1) or {@code corrected}. */
  @WithDefault("parity")
  ScoringMode tevalMode();
}
