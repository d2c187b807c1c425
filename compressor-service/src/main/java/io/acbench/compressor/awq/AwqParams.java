package io.acbench.compressor.awq;

/**
 * AWQ heuristics (spec §3.4–§3.6).
 *
 * @param bits 2 to 8 (4 in every reference run)
 * @param groupSize columns per group, {@code -1} for per channel; a last narrower group is allowed
 * @param zeroPoint asymmetric {@code [0, maxq]} grid with a zero-point (AutoAWQ, vLLM's AWQ path);
 *     false gives the symmetric {@code absmax/(2^(bits−1)−1)} grid
 * @param nGrid points of the α grid, {@code α = i/nGrid} for {@code i < nGrid} (1.0 is not tried)
 * @param duoScaling AutoAWQ's {@code x_mean^α / (w_mean^(1−α) + 1e-4)}; false is llm-awq / llmc v2
 *     (ACBench) {@code x_mean^α}
 * @param clipGrid shrink steps of the clip search, {@code m = m0·(1 − i/clipGrid)}
 * @param clipMaxShrink the search runs {@code i < (int)(clipMaxShrink·clipGrid)}
 * @param clipTokens tokens kept for the clip search: every {@code max(1, T / clipTokens)}-th
 */
public record AwqParams(
    int bits,
    int groupSize,
    boolean zeroPoint,
    int nGrid,
    boolean duoScaling,
    int clipGrid,
    double clipMaxShrink,
    int clipTokens) {

  public AwqParams {
    if (bits < 2 || bits > 8) {
      throw new IllegalArgumentException("bits must be in 2..8, got " + bits);
    }
    if (groupSize == 0 || groupSize < -1 || nGrid <= 0 || clipGrid <= 0 || clipTokens <= 0) {
      throw new IllegalArgumentException("invalid AWQ parameters");
    }
  }

  /** W4 g128 zero-point, 20-point grid, activation-only scales (llm-awq / llmc v2). */
  public static AwqParams defaults() {
    return new AwqParams(4, 128, true, 20, false, 20, 0.5, 512);
  }

  public AwqParams withGroupSize(int gs) {
    return new AwqParams(
        bits, gs, zeroPoint, nGrid, duoScaling, clipGrid, clipMaxShrink, clipTokens);
  }

  public AwqParams withZeroPoint(boolean zp) {
    return new AwqParams(
        bits, groupSize, zp, nGrid, duoScaling, clipGrid, clipMaxShrink, clipTokens);
  }

  public AwqParams withDuoScaling(boolean duo) {
    return new AwqParams(
        bits, groupSize, zeroPoint, nGrid, duo, clipGrid, clipMaxShrink, clipTokens);
  }

  /** The group width on a matrix with {@code cols} columns. */
  public int effectiveGroupSize(int cols) {
    return groupSize == -1 ? Math.max(cols, 1) : groupSize;
  }
}
