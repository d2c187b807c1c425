package io.acbench.metrics.scorers.common;

/** benchmark-spec §6 modes: reference parity (default for reported scores) or corrected. */
public enum ScoringMode {
  PARITY,
  CORRECTED;

  public boolean parity() {
    return this == PARITY;
  }
}
