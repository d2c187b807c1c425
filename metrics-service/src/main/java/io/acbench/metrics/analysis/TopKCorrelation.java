package io.acbench.metrics.analysis;

import io.acbench.contracts.probe.ProbeResult;
import io.acbench.contracts.probe.ProbeSequence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Top-k ranking correlation between the base and a variant (benchmark-spec §4.2). For every
 * sequence s, position t and k: I = the base's k largest logits (the top-k ids the base probe
 * stored, in its order); τ = Kendall tau-b and ρ = Spearman between the base's logits at I and the
 * variant's logits at I. The curve value at t is the mean over sequences. Project decision B13: NaN
 * values (a constant vector) are skipped and counted, not propagated.
 */
public final class TopKCorrelation {

  /** The k values of the spec. */
  public static final List<Integer> SPEC_KS = List.of(3, 10, 20);

  private TopKCorrelation() {}

  /**
   * Curves for one k, indexed by position.
   *
   * @param k the top-k width
   * @param kendall (T) mean τ_b per position, NaN where nothing was counted
   * @param spearman (T) mean ρ per position
   * @param counted (T) sequences averaged per position
   * @param nanSkipped (T) sequences whose τ or ρ was NaN
   * @param unavailable (T) sequences where the variant's logits at I were not stored
   */
  public record Curve(
      int k,
      double[] kendall,
      double[] spearman,
      int[] counted,
      int[] nanSkipped,
      int[] unavailable) {

    /** Mean of the per-position values that are not NaN. */
    public double meanKendall() {
      return nanMean(kendall);
    }

    public double meanSpearman() {
      return nanMean(spearman);
    }
  }

  /**
   * Curves for each k. Each k must not exceed the base's stored top-k width.
   *
   * @return k → curve, in the order of {@code ks}
   */
  public static Map<Integer, Curve> compute(
      ProbeResult base, ProbeResult variant, List<Integer> ks) {
    ProbeAlignment.requireSameInputs(base, variant);
    int positions = base.sequences().stream().mapToInt(ProbeSequence::length).max().orElse(0);
    Map<Integer, Curve> curves = new LinkedHashMap<>();
    for (int k : ks) {
      if (k < 2 || k > base.topK()) {
        throw new IllegalArgumentException(
            "k = " + k + " must be in [2, " + base.topK() + "] (the base's stored top-k)");
      }
      curves.put(k, curve(base, variant, k, positions));
    }
    return curves;
  }

  private static Curve curve(ProbeResult base, ProbeResult variant, int k, int positions) {
    double[] tauSum = new double[positions];
    double[] rhoSum = new double[positions];
    int[] counted = new int[positions];
    int[] nan = new int[positions];
    int[] unavailable = new int[positions];
    for (int s = 0; s < base.sequences().size(); s++) {
      ProbeSequence b = base.sequences().get(s);
      ProbeSequence v = variant.sequences().get(s);
      for (int t = 0; t < b.length(); t++) {
        double[] y = ProbeAlignment.variantAtBaseTopK(b, v, t, k);
        if (y == null) {
          unavailable[t]++;
          continue;
        }
        double[] x = ProbeAlignment.baseTopK(b, t, k);
        double tau = RankCorrelation.kendallTauB(x, y);
        double rho = RankCorrelation.spearman(x, y);
        if (Double.isNaN(tau) || Double.isNaN(rho)) {
          nan[t]++;
          continue;
        }
        tauSum[t] += tau;
        rhoSum[t] += rho;
        counted[t]++;
      }
    }
    for (int t = 0; t < positions; t++) {
      tauSum[t] = counted[t] == 0 ? Double.NaN : tauSum[t] / counted[t];
      rhoSum[t] = counted[t] == 0 ? Double.NaN : rhoSum[t] / counted[t];
    }
    return new Curve(k, tauSum, rhoSum, counted, nan, unavailable);
  }

  static double nanMean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
