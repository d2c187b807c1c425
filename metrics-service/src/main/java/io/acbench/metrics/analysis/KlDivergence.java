package io.acbench.metrics.analysis;

import io.acbench.contracts.probe.ProbeResult;
import io.acbench.contracts.probe.ProbeSequence;

/**
 * KL divergence KL(P_base ‖ P_variant) between next-token distributions, from the stored probe
 * outputs. The probe keeps only the base's top-k, so the divergence is that of the two
 * distributions coarsened to k + 1 outcomes — the base's top-k tokens and "any other token":
 *
 * <pre>
 *   p_j = exp(ℓ⁰_j − lse⁰), q_j = exp(ℓ¹_j − lse¹) for j ∈ I (the base's top-k ids),
 *   P = Σ p_j, Q = Σ q_j,
 *   KL_k = Σ_j p_j ln(p_j/q_j) + (1 − P) ln((1 − P)/(1 − Q)).
 * </pre>
 *
 * By the data-processing inequality KL_k ≤ KL (a lower bound), and it is exact when the base puts
 * all its mass on the top-k. Needs the variant's logits at the base's top-k ids (its reference
 * logits, or its own top-k when that contains them) and both models' log-sum-exp.
 */
public final class KlDivergence {

  private static final double TINY = 1e-300;

  private KlDivergence() {}

  /**
   * Coarsened KL for one position.
   *
   * @param baseLogits base logits at I
   * @param baseLse base log-sum-exp over the whole vocabulary
   * @param variantLogits variant logits at the same ids
   * @param variantLse variant log-sum-exp
   */
  public static double topK(
      double[] baseLogits, double baseLse, double[] variantLogits, double variantLse) {
    double kl = 0;
    double pSum = 0;
    double qSum = 0;
    for (int j = 0; j < baseLogits.length; j++) {
      double logP = baseLogits[j] - baseLse;
      double logQ = variantLogits[j] - variantLse;
      double p = Math.exp(logP);
      kl += p * (logP - logQ);
      pSum += p;
      qSum += Math.exp(logQ);
    }
    // Float32 log-sum-exp can push the sums a hair past 1.
    double pRest = Math.max(0, 1 - pSum);
    double qRest = Math.max(TINY, 1 - qSum);
    if (pRest > 0) {
      kl += pRest * Math.log(pRest / qRest);
    }
    return Math.max(0, kl);
  }

  /**
   * Per-position mean of the coarsened KL over sequences, and its overall mean.
   *
   * @param perPosition (T) mean KL at each position, NaN where no sequence had the data
   * @param mean mean over all positions of all sequences that had the data
   * @param unavailable positions where the variant's logits at the base's top-k were not stored
   */
  public record Result(double[] perPosition, double mean, int unavailable) {}

  /** KL over the base's full stored top-k width. */
  public static Result compute(ProbeResult base, ProbeResult variant) {
    ProbeAlignment.requireSameInputs(base, variant);
    int positions = Energy.positions(base);
    int k = base.topK();
    double[] sum = new double[positions];
    int[] count = new int[positions];
    double total = 0;
    int totalCount = 0;
    int unavailable = 0;
    for (int s = 0; s < base.sequences().size(); s++) {
      ProbeSequence b = base.sequences().get(s);
      ProbeSequence v = variant.sequences().get(s);
      for (int t = 0; t < b.length(); t++) {
        double[] q = ProbeAlignment.variantAtBaseTopK(b, v, t, k);
        if (q == null) {
          unavailable++;
          continue;
        }
        double kl = topK(ProbeAlignment.baseTopK(b, t, k), b.logSumExp()[t], q, v.logSumExp()[t]);
        sum[t] += kl;
        count[t]++;
        total += kl;
        totalCount++;
      }
    }
    for (int t = 0; t < positions; t++) {
      sum[t] = count[t] == 0 ? Double.NaN : sum[t] / count[t];
    }
    return new Result(sum, totalCount == 0 ? Double.NaN : total / totalCount, unavailable);
  }
}
