package io.acbench.metrics.scoring;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence interval of a mean (Efron and Tibshirani, 1993, ch. 13): draw
 * {@code B} resamples of size n with replacement, take each resample's mean θ*_b, and report the
 * empirical (α/2, 1 − α/2) quantiles of the θ*_b, with α = 1 − level. Quantiles use linear
 * interpolation between order statistics (type 7). Seeded, so the same values give the same
 * interval.
 */
public final class BootstrapInterval {

  /** Lower and upper bound. */
  public record Interval(double low, double high) {}

  private BootstrapInterval() {}

  /**
   * The interval of the mean of {@code values} (not modified).
   *
   * @param resamples B, at least 1
   * @param level confidence level in (0, 1), e.g. 0.95
   * @param seed seed of the resampling
   */
  public static Interval ofMean(double[] values, int resamples, double level, long seed) {
    if (values.length == 0) {
      throw new IllegalArgumentException("values: at least one value is needed");
    }
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be >= 1, was " + resamples);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), was " + level);
    }
    int n = values.length;
    SplittableRandom random = new SplittableRandom(seed);
    double[] means = new double[resamples]; // (B)
    for (int b = 0; b < resamples; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += values[random.nextInt(n)];
      }
      means[b] = sum / n;
    }
    Arrays.sort(means);
    double alpha = 1 - level;
    return new Interval(quantile(means, alpha / 2), quantile(means, 1 - alpha / 2));
  }

  /** Type-7 quantile of sorted values: h = (m − 1)p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
