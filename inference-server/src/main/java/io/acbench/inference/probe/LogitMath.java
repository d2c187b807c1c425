package io.acbench.inference.probe;

/** Reductions of logit rows: log-sum-exp, top-k, rank and the ERank Gram matrix. */
public final class LogitMath {

  private LogitMath() {}

  /**
   * log Σ_v exp(ℓ_v) over one row, computed as m + log Σ exp(ℓ_v − m) with m = max ℓ so that no
   * term overflows (energy score E = −logsumexp at T = 1, benchmark-spec §4.3).
   */
  public static double logSumExp(float[] logits, int offset, int vocab) {
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      max = Math.max(max, logits[offset + v]);
    }
    double sum = 0;
    for (int v = 0; v < vocab; v++) {
      sum += Math.exp(logits[offset + v] - max);
    }
    return max + Math.log(sum);
  }

  /** Ids of the k largest logits of a row, largest first; ties keep the lower id first. */
  public static int[] topK(float[] logits, int offset, int vocab, int k) {
    int n = Math.min(k, vocab);
    int[] ids = new int[n];
    float[] vals = new float[n];
    int size = 0;
    for (int v = 0; v < vocab; v++) {
      float x = logits[offset + v];
      if (size == n && (n == 0 || x <= vals[n - 1])) {
        continue;
      }
      int pos = size < n ? size++ : n - 1;
      while (pos > 0 && vals[pos - 1] < x) {
        vals[pos] = vals[pos - 1];
        ids[pos] = ids[pos - 1];
        pos--;
      }
      vals[pos] = x;
      ids[pos] = v;
    }
    return ids;
  }

  /** 1 + the number of tokens whose logit is strictly larger than {@code token}'s. */
  public static int rank(float[] logits, int offset, int vocab, int token) {
    float x = logits[offset + token];
    int rank = 1;
    for (int v = 0; v < vocab; v++) {
      if (logits[offset + v] > x) {
        rank++;
      }
    }
    return rank;
  }

  /**
   * The Gram form of ERank's covariance (benchmark-spec §4.1) for logits X (n, vocab): μ = (1/n)
   * Σ_i x_i, r_i = (x_i − μ)/‖x_i − μ‖₂ (a zero row stays zero), G = (1/n) R Rᵀ. G has the same
   * non-zero eigenvalues as Σ = (1/n) Rᵀ R; ERank = exp(−Σ_j λ_j ln λ_j) over the eigenvalues of G
   * / tr(G). Sums run in double; R is kept in the logits buffer, which is overwritten.
   *
   * @return G (n, n) row-major
   */
  public static double[] gramInPlace(float[] logits, int offset, int n, int vocab) {
    double[] mean = new double[vocab];
    for (int i = 0; i < n; i++) {
      int row = offset + i * vocab;
      for (int v = 0; v < vocab; v++) {
        mean[v] += logits[row + v];
      }
    }
    for (int v = 0; v < vocab; v++) {
      mean[v] /= n;
    }
    double[] centred = new double[vocab];
    for (int i = 0; i < n; i++) {
      int row = offset + i * vocab;
      double norm = 0;
      for (int v = 0; v < vocab; v++) {
        centred[v] = logits[row + v] - mean[v];
        norm += centred[v] * centred[v];
      }
      double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (int v = 0; v < vocab; v++) {
        logits[row + v] = (float) (centred[v] * scale);
      }
    }
    double[] g = new double[n * n];
    for (int i = 0; i < n; i++) {
      int a = offset + i * vocab;
      for (int j = 0; j <= i; j++) {
        int b = offset + j * vocab;
        double dot = 0;
        for (int v = 0; v < vocab; v++) {
          dot += (double) logits[a + v] * logits[b + v];
        }
        g[i * n + j] = dot / n;
        g[j * n + i] = dot / n;
      }
    }
    return g;
  }
}
