package io.acbench.contracts.probe;

import java.util.Arrays;

/**
 * The reduced probe outputs of one sequence of N positions with top-k width k.
 *
 * <p>Arrays are row-major and owned by the record (callers must not modify them after
 * construction).
 *
 * @param tokenIds (N) the input token ids
 * @param logSumExp (N) log Σ_v exp(ℓ_v) of the logits at each position (natural log)
 * @param topIds (N, k) the ids of the k largest logits per position, in descending logit order
 * @param topLogits (N, k) those logits
 * @param gram (N, N) symmetric B = (1/N) R Rᵀ, R = the centred, row-normalised logits
 *     (benchmark-spec §4.1, Gram form); ERank is computed from its eigenvalues
 * @param reference optional: this model's logits at a reference model's top-k ids, for top-k
 *     correlation and KL against that reference (null when not probed)
 */
public record ProbeSequence(
    int[] tokenIds,
    float[] logSumExp,
    int[] topIds,
    float[] topLogits,
    double[] gram,
    ReferenceLogits reference) {

  public ProbeSequence {
    int n = tokenIds.length;
    if (n < 1) {
      throw new IllegalArgumentException("tokenIds must hold at least one position");
    }
    requireLength("logSumExp", logSumExp.length, n);
    if (topIds.length == 0 || topIds.length % n != 0) {
      throw new IllegalArgumentException(
          "topIds length " + topIds.length + " must be a positive multiple of N = " + n);
    }
    int k = topIds.length / n;
    requireLength("topLogits", topLogits.length, n * k);
    requireLength("gram", gram.length, n * n);
    if (reference != null) {
      requireLength("reference.ids", reference.ids().length, n * k);
    }
  }

  /** N, the number of positions. */
  public int length() {
    return tokenIds.length;
  }

  /** k, the top-k width. */
  public int topK() {
    return topIds.length / tokenIds.length;
  }

  private static void requireLength(String field, int actual, int expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          field + " has length " + actual + ", expected " + expected);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProbeSequence s
        && Arrays.equals(tokenIds, s.tokenIds)
        && Arrays.equals(logSumExp, s.logSumExp)
        && Arrays.equals(topIds, s.topIds)
        && Arrays.equals(topLogits, s.topLogits)
        && Arrays.equals(gram, s.gram)
        && java.util.Objects.equals(reference, s.reference);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tokenIds) * 31 + Arrays.hashCode(topLogits);
  }

  @Override
  public String toString() {
    return "ProbeSequence[N="
        + length()
        + ", k="
        + topK()
        + ", reference="
        + (reference != null)
        + "]";
  }

  /**
   * Logits of the probed model at the ids a reference model (the base) ranked top-k at the same
   * positions of the same input. Top-k correlation (§4.2) compares the reference's top-k logits
   * with these; KL uses them with both models' log-sum-exp.
   *
   * @param ids (N, k) the reference model's top-k ids, in its descending order
   * @param logits (N, k) this model's logits at those ids
   */
  public record ReferenceLogits(int[] ids, float[] logits) {
    public ReferenceLogits {
      requireLength("reference.logits", logits.length, ids.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ReferenceLogits r
          && Arrays.equals(ids, r.ids)
          && Arrays.equals(logits, r.logits);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ids) * 31 + Arrays.hashCode(logits);
    }

    @Override
    public String toString() {
      return "ReferenceLogits[" + ids.length + "]";
    }
  }
}
