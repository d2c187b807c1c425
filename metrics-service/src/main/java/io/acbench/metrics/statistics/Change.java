package io.acbench.metrics.statistics;

/**
 * Change of a variant's score against the base model's.
 *
 * @param absolute variant − base
 * @param relative (variant − base)/base; null when the base score is 0
 */
public record Change(double absolute, Double relative) {

  /** The change from {@code base} to {@code variant}. */
  public static Change of(double base, double variant) {
    double absolute = variant - base;
    return new Change(absolute, base == 0 ? null : absolute / base);
  }
}
