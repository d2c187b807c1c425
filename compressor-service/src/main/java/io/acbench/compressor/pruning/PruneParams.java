package io.acbench.compressor.pruning;

/**
 * A sparsity pattern (spec §4).
 *
 * @param ratio fraction of weights zeroed for unstructured pruning (0 ≤ ratio &lt; 1)
 * @param prunen for N:M, how many of every {@code prunem} consecutive input columns of a row are
 *     zeroed (the references' {@code prune_n}: 2:4 zeroes 2 and keeps 2); 0 for unstructured
 * @param prunem the N:M group width along the input dimension; 0 for unstructured
 */
public record PruneParams(double ratio, int prunen, int prunem) {

  public PruneParams {
    if (!(ratio >= 0 && ratio < 1)) {
      throw new IllegalArgumentException("ratio must be in [0, 1), got " + ratio);
    }
    if (prunen < 0 || prunem < 0 || (prunen == 0) != (prunem == 0) || prunen > prunem) {
      throw new IllegalArgumentException("N:M needs 0 < N ≤ M, got " + prunen + ":" + prunem);
    }
  }

  public static PruneParams unstructured(double ratio) {
    return new PruneParams(ratio, 0, 0);
  }

  /** N:M; the references require {@code ratio = 0.5} with it, which {@code N/M} is for 2:4, 4:8. */
  public static PruneParams nOfM(int n, int m) {
    return new PruneParams((double) n / m, n, m);
  }

  public boolean isNOfM() {
    return prunem > 0;
  }
}
