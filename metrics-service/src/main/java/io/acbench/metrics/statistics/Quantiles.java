package io.acbench.metrics.statistics;

import java.util.Arrays;

/** Sample quantiles and means. */
public final class Quantiles {

  private Quantiles() {}

  /**
   * The q-quantile with linear interpolation between order statistics (Hyndman–Fan type 7, the
   * numpy default): h = (n − 1)·q, Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) on the sorted values.
   *
   * @param sorted values in ascending order (not modified)
   * @param q in [0, 1]
   */
  public static double ofSorted(double[] sorted, double q) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("quantile of an empty sample");
    }
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in [0, 1], was " + q);
    }
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The q-quantile of unsorted values (copied, not modified). */
  public static double of(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return ofSorted(sorted, q);
  }

  /** Arithmetic mean; throws on an empty array. */
  public static double mean(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("mean of an empty sample");
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
