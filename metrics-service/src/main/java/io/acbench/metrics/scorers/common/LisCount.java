package io.acbench.metrics.scorers.common;

/**
 * S3 of benchmark-spec §3.0: the length of the longest chain of matched prediction nodes whose gold
 * indices increase in prediction order (longest increasing subsequence over m).
 *
 * <p>dp[i] = base(i) + max(0, max{dp[j] : j &lt; i, m(j) ≠ −1, m(i) ≠ −1, m(i) &gt; m(j)}), c =
 * max_i dp[i]. In the reference (legacy floor, B1) base(i) = 1 for every i, matched or not, so c ≥
 * 1 even with no match; corrected: base(i) = 0 for unmatched i and c = 0 for an empty list.
 */
public final class LisCount {

  private LisCount() {}

  /**
   * @param mapping m(i) in prediction order, −1 for unmatched; not modified
   * @param legacyFloor true for the reference's dp = 1 start on every node
   */
  public static int count(int[] mapping, boolean legacyFloor) {
    int n = mapping.length;
    int[] dp = new int[n];
    int best = 0;
    for (int i = 0; i < n; i++) {
      dp[i] = (legacyFloor || mapping[i] != -1) ? 1 : 0;
      if (mapping[i] != -1) {
        for (int j = 0; j < i; j++) {
          if (mapping[j] != -1 && mapping[i] > mapping[j]) {
            dp[i] = Math.max(dp[i], dp[j] + 1);
          }
        }
      }
      best = Math.max(best, dp[i]);
    }
    return best;
  }
}
