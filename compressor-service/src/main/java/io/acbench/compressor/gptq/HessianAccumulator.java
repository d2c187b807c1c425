package io.acbench.compressor.gptq;

/**
 * Running-average Hessian of one linear's inputs (spec §2.1), accumulated in double (D7).
 *
 * <p>Per batch of {@code b} sequences: {@code H ← H·n/(n+b)}; {@code n ← n+b}; {@code Z =
 * sqrt(2/n)·X}; {@code H ← H + ZᵀZ}. After all batches {@code H = (2/n)·Σ_tokens x·xᵀ} with {@code
 * n} the number of sequences (not tokens). SparseGPT uses the same accumulator.
 */
public final class HessianAccumulator {

  private final int C;
  private final double[] H; // (C, C)
  private long nsamples;

  public HessianAccumulator(int columns) {
    this.C = columns;
    this.H = new double[columns * columns];
  }

  /**
   * Adds one batch. {@code X} is {@code (tokens, C)} row-major with {@code tokens = sequences ·
   * seqLen}, not modified.
   */
  public void addBatch(float[] X, int tokens, int sequences) {
    if (sequences <= 0) {
      throw new IllegalArgumentException("a batch holds at least one sequence");
    }
    double keep = (double) nsamples / (nsamples + sequences);
    for (int i = 0; i < H.length; i++) {
      H[i] *= keep;
    }
    nsamples += sequences;
    double factor = Math.sqrt(2.0 / nsamples);
    double[] z = new double[C]; // (C): one scaled token
    for (int t = 0; t < tokens; t++) {
      for (int j = 0; j < C; j++) {
        z[j] = factor * X[t * C + j];
      }
      for (int i = 0; i < C; i++) {
        double zi = z[i];
        if (zi == 0.0) {
          continue;
        }
        int rowI = i * C;
        for (int j = i; j < C; j++) {
          H[rowI + j] += zi * z[j];
        }
      }
    }
    for (int i = 0; i < C; i++) {
      for (int j = 0; j < i; j++) {
        H[i * C + j] = H[j * C + i];
      }
    }
  }

  /** Number of sequences seen. */
  public long nsamples() {
    return nsamples;
  }

  public int columns() {
    return C;
  }

  /** A copy of {@code H}, {@code (C, C)} row-major. */
  public double[] hessian() {
    return H.clone();
  }
}
