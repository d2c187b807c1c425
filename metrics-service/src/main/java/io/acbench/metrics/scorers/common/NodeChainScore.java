package io.acbench.metrics.scorers.common;

/**
 * Ordered node-chain score shared by WorfBench {@code t_eval_plan} and T-Eval {@code
 * bertscore_match}: S2 matching on a similarity matrix, then S3's LIS count c, then P = c/|P|, R =
 * c/|G|, F1 = 2PR/(P + R).
 */
public final class NodeChainScore {

  private NodeChainScore() {}

  /**
   * @param s similarity matrix (|P|, |G|); not modified
   * @param threshold S2 edge threshold (strict)
   * @param legacyFloor B1: the reference's LIS floor of 1
   * @param gold |G| (the matrix may have no columns to read it from)
   */
  public static Prf score(double[][] s, int gold, double threshold, boolean legacyFloor) {
    int predicted = s.length;
    if (predicted == 0 || gold == 0) {
      return Prf.ZERO;
    }
    int[] mapping = MaxWeightMatching.match(s, threshold);
    int c = LisCount.count(mapping, legacyFloor);
    return Prf.fromCount(c, predicted, gold);
  }
}
