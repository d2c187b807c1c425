package io.acbench.inference.client;

/**
 * The probe outputs of one sequence, padding removed (N = {@link #numTokens()}).
 *
 * @param numTokens N, tokens of the sequence
 * @param logsumexp (N) log Σ_v exp(ℓ_{t,v}); energy at T = 1 is its negation
 * @param topkIds (N, k) ids of the k largest logits, descending; k = 0 when not requested
 * @param topkLogits (N, k) those logits
 * @param gram (N, N) G = (1/N) R Rᵀ of the centred, row-normalised logits; null when not returned
 * @param hiddenStates (N, H) final hidden states; null when not requested
 * @param referenceLogits (N, k') this model's logits at the request's reference ids; null when the
 *     request had none
 */
public record ProbeSequence(
    int numTokens,
    float[] logsumexp,
    long[][] topkIds,
    float[][] topkLogits,
    double[][] gram,
    float[][] hiddenStates,
    float[][] referenceLogits) {

  public ProbeSequence(
      int numTokens,
      float[] logsumexp,
      long[][] topkIds,
      float[][] topkLogits,
      double[][] gram,
      float[][] hiddenStates) {
    this(numTokens, logsumexp, topkIds, topkLogits, gram, hiddenStates, null);
  }

  /** Energy score E = −T·logsumexp(ℓ/T) at T = 1 per position (benchmark-spec §4.3). */
  public double[] energy() {
    double[] e = new double[logsumexp.length];
    for (int t = 0; t < e.length; t++) {
      e[t] = -logsumexp[t];
    }
    return e;
  }
}
