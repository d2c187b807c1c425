package io.acbench.contracts.probe;

import java.util.Arrays;

/**
 * Reduces a sequence's full logits (N × V) to a {@link ProbeSequence}: what a probe model does on
 * the server so that kilobytes instead of N·V floats cross the wire.
 */
public final class ProbeReductions {

  private ProbeReductions() {}

  /**
   * @param tokenIds (N) the input ids
   * @param logits (N, V) the output logits (not modified)
   * @param k top-k width
   * @param referenceIds optional (N, k) top-k ids of a reference model at the same positions; when
   *     given, this model's logits at those ids are stored as the reference logits
   */
  public static ProbeSequence reduce(int[] tokenIds, float[][] logits, int k, int[] referenceIds) {
    int n = logits.length;
    if (n != tokenIds.length || n == 0) {
      throw new IllegalArgumentException(
          "logits has "
              + n
              + " rows, tokenIds "
              + tokenIds.length
              + "; both must be equal and > 0");
    }
    float[] lse = new float[n];
    int[] topIds = new int[n * k];
    float[] topLogits = new float[n * k];
    for (int t = 0; t < n; t++) {
      lse[t] = (float) logSumExp(logits[t]);
      int[] top = topK(logits[t], k);
      for (int j = 0; j < k; j++) {
        topIds[t * k + j] = top[j];
        topLogits[t * k + j] = logits[t][top[j]];
      }
    }
    ProbeSequence.ReferenceLogits reference = null;
    if (referenceIds != null) {
      float[] refLogits = new float[n * k];
      for (int i = 0; i < refLogits.length; i++) {
        refLogits[i] = logits[i / k][referenceIds[i]];
      }
      reference = new ProbeSequence.ReferenceLogits(referenceIds.clone(), refLogits);
    }
    return new ProbeSequence(tokenIds.clone(), lse, topIds, topLogits, gram(logits), reference);
  }

  /** log Σ_v exp(ℓ_v), computed stably as m + log Σ exp(ℓ_v − m) with m = max ℓ. */
  public static double logSumExp(float[] l) {
    double m = Double.NEGATIVE_INFINITY;
    for (float v : l) {
      m = Math.max(m, v);
    }
    double sum = 0;
    for (float v : l) {
      sum += Math.exp(v - m);
    }
    return m + Math.log(sum);
  }

  /** Ids of the k largest entries, descending; equal values keep the lower id first. */
  public static int[] topK(float[] l, int k) {
    if (k < 1 || k > l.length) {
      throw new IllegalArgumentException("k = " + k + " must be in [1, " + l.length + "]");
    }
    Integer[] order = new Integer[l.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(
        order,
        (a, b) ->
            a.equals(b)
                ? 0
                : Float.compare(l[b], l[a]) != 0
                    ? Float.compare(l[b], l[a])
                    : Integer.compare(a, b));
    int[] out = new int[k];
    for (int j = 0; j < k; j++) {
      out[j] = order[j];
    }
    return out;
  }

  /**
   * The Gram matrix of benchmark-spec §4.1: μ = (1/N) Σ x_i, r_i = (x_i − μ)/‖x_i − μ‖₂ (a row
   * equal to μ stays zero), B = (1/N) R Rᵀ, returned row-major (N, N). Computed in double.
   */
  public static double[] gram(float[][] x) {
    int n = x.length;
    int d = x[0].length;
    double[] mu = new double[d]; // (d)
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        mu[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mu[j] /= n;
    }
    double[][] r = new double[n][d]; // (N, d)
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int j = 0; j < d; j++) {
        r[i][j] = x[i][j] - mu[j];
        norm += r[i][j] * r[i][j];
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < d && norm > 0; j++) {
        r[i][j] /= norm;
      }
    }
    double[] b = new double[n * n]; // (N, N)
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double dot = 0;
        for (int c = 0; c < d; c++) {
          dot += r[i][c] * r[j][c];
        }
        b[i * n + j] = dot / n;
        b[j * n + i] = dot / n;
      }
    }
    return b;
  }
}
