package io.acbench.metrics.statistics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded percentile bootstrap (Efron 1979). Each resample draws n indices uniformly with
 * replacement from a {@link SplittableRandom} seeded with {@link BootstrapSpec#seed()}; the
 * interval is the [alpha/2, 1 − alpha/2] type-7 quantiles of the B resampled statistics.
 */
public final class Bootstrap {

  private Bootstrap() {}

  /**
   * Mean of {@code scores} with a percentile bootstrap interval. This is the call the scoring
   * pipeline makes for {@code acbench.task.scored}.
   *
   * @param scores per-sample scores (not modified); must be non-empty and finite
   */
  public static MeanCi meanCi(double[] scores, BootstrapSpec spec) {
    requireFinite(scores, "scores");
    int n = scores.length;
    double[] means = new double[spec.resamples()];
    SplittableRandom rng = new SplittableRandom(spec.seed());
    for (int b = 0; b < means.length; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += scores[rng.nextInt(n)];
      }
      means[b] = sum / n;
    }
    Arrays.sort(means);
    return new MeanCi(
        Quantiles.mean(scores),
        Quantiles.ofSorted(means, spec.alpha() / 2),
        Quantiles.ofSorted(means, 1 - spec.alpha() / 2),
        n);
  }

  /**
   * Paired bootstrap of the mean difference d = mean(variant − base) over the same samples: each
   * resample draws sample indices with replacement and keeps the pairs together. The two-sided
   * p-value is p = min(1, 2·min(#{d* ≤ 0}, #{d* ≥ 0})/B).
   *
   * @param base base scores, index-aligned with {@code variant}
   * @param variant variant scores on the same samples
   */
  public static PairedBootstrap pairedMeanDifference(
      double[] base, double[] variant, BootstrapSpec spec) {
    requireFinite(base, "base");
    requireFinite(variant, "variant");
    if (base.length != variant.length) {
      throw new IllegalArgumentException(
          "base and variant must be paired: " + base.length + " vs " + variant.length);
    }
    int n = base.length;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = variant[i] - base[i];
    }
    double[] diffs = new double[spec.resamples()];
    SplittableRandom rng = new SplittableRandom(spec.seed());
    int atOrBelow = 0;
    int atOrAbove = 0;
    for (int b = 0; b < diffs.length; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += d[rng.nextInt(n)];
      }
      diffs[b] = sum / n;
      atOrBelow += diffs[b] <= 0 ? 1 : 0;
      atOrAbove += diffs[b] >= 0 ? 1 : 0;
    }
    Arrays.sort(diffs);
    double p = Math.min(1.0, 2.0 * Math.min(atOrBelow, atOrAbove) / diffs.length);
    return new PairedBootstrap(
        Quantiles.mean(d),
        Quantiles.ofSorted(diffs, spec.alpha() / 2),
        Quantiles.ofSorted(diffs, 1 - spec.alpha() / 2),
        p,
        n);
  }

  private static void requireFinite(double[] values, String field) {
    if (values.length == 0) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(field + "[" + i + "] must be finite, was " + values[i]);
      }
    }
  }

  /**
   * Result of a paired bootstrap.
   *
   * @param meanDifference mean of variant − base
   * @param low lower interval bound of the mean difference
   * @param high upper interval bound
   * @param pValue two-sided bootstrap p-value for "no difference"
   * @param n number of pairs
   */
  public record PairedBootstrap(
      double meanDifference, double low, double high, double pValue, int n) {}
}
