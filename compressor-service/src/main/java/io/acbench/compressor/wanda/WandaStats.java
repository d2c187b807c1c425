package io.acbench.compressor.wanda;

/**
 * Wanda's input statistic (spec §4.1), in double: per batch of {@code b} sequences {@code S ←
 * S·n/(n+b)}, {@code n ← n+b}, {@code S[j] += ‖X[:, j]‖²/n}; at the end {@code S[j] = (1/n)·
 * Σ_tokens x_j²}.
 */
public final class WandaStats {

  private final int C;
  private final double[] scalerRow; // (C)
  private long nsamples;

  public WandaStats(int columns) {
    this.C = columns;
    this.scalerRow = new double[columns];
  }

  /** {@code X} is {@code (tokens, C)} row-major over {@code sequences} sequences; not modified. */
  public void addBatch(float[] X, int tokens, int sequences) {
    if (sequences <= 0) {
      throw new IllegalArgumentException("a batch holds at least one sequence");
    }
    double keep = (double) nsamples / (nsamples + sequences);
    nsamples += sequences;
    double[] norm2 = new double[C]; // (C)
    for (int t = 0; t < tokens; t++) {
      for (int j = 0; j < C; j++) {
        double x = X[t * C + j];
        norm2[j] += x * x;
      }
    }
    for (int j = 0; j < C; j++) {
      scalerRow[j] = scalerRow[j] * keep + norm2[j] / nsamples;
    }
  }

  /** A copy of {@code S}, {@code (C)}. */
  public double[] scalerRow() {
    return scalerRow.clone();
  }

  public long nsamples() {
    return nsamples;
  }
}
