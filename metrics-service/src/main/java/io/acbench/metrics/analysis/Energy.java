package io.acbench.metrics.analysis;

import io.acbench.contracts.probe.ProbeResult;
import io.acbench.contracts.probe.ProbeSequence;
import java.util.Arrays;

/**
 * Energy of a next-token distribution (Liu et al. 2020, as used by ACBench, benchmark-spec §4.3):
 * E(ℓ) = −T · log Σ_v exp(ℓ_v/T), with T = 1 for the stored probe outputs, so E = −logsumexp.
 *
 * <p>The probe stores only real tokens, so padded positions are never included (the spec's
 * corrected mode of B12).
 */
public final class Energy {

  private Energy() {}

  /** E(ℓ) = −T·logsumexp(ℓ/T), computed stably in double. */
  public static double of(double[] logits, double temperature) {
    double m = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      m = Math.max(m, l / temperature);
    }
    double sum = 0;
    for (double l : logits) {
      sum += Math.exp(l / temperature - m);
    }
    return -temperature * (m + Math.log(sum));
  }

  /** E at T = 1 of every stored position of every sequence, pooled. */
  public static double[] all(ProbeResult result) {
    return result.sequences().stream()
        .flatMapToDouble(
            s -> {
              double[] e = new double[s.length()];
              for (int t = 0; t < e.length; t++) {
                e[t] = -s.logSumExp()[t];
              }
              return Arrays.stream(e);
            })
        .toArray();
  }

  /** E at T = 1 at position p of every sequence long enough to have it. */
  public static double[] atPosition(ProbeResult result, int p) {
    return result.sequences().stream()
        .filter(s -> s.length() > p)
        .mapToDouble(s -> -s.logSumExp()[p])
        .toArray();
  }

  /**
   * Histograms of several energy samples on one shared range, [min, max] over all of them, so the
   * overlaid original and compressed histograms share their bins (matplotlib's separate calls would
   * each use their own range; sharing it keeps the bars comparable).
   */
  public static Histogram[] sharedHistograms(int bins, double[]... samples) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] sample : samples) {
      for (double v : sample) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    }
    Histogram[] out = new Histogram[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = Histogram.of(samples[i], bins, lo, hi);
    }
    return out;
  }

  /** The longest sequence length of a result, the number of energy positions. */
  static int positions(ProbeResult result) {
    return result.sequences().stream().mapToInt(ProbeSequence::length).max().orElse(0);
  }
}
