package io.acbench.compressor.awq;

import java.util.List;

/** AWQ statistics (spec §3.2). */
public final class ActivationStats {

  private ActivationStats() {}

  /**
   * {@code x_mean[c] = (1/T)·Σ_t |X[t, c]|}, summed in double. {@code X} is {@code (T, C)}
   * row-major, not modified.
   */
  public static float[] meanAbs(float[] X, int T, int C) {
    double[] sum = new double[C]; // (C)
    for (int t = 0; t < T; t++) {
      for (int c = 0; c < C; c++) {
        sum[c] += Math.abs(X[t * C + c]);
      }
    }
    float[] xMean = new float[C]; // (C)
    for (int c = 0; c < C; c++) {
      xMean[c] = T == 0 ? 0f : (float) (sum[c] / T);
    }
    return xMean;
  }

  /**
   * AutoAWQ's weight statistic for duo scaling: the weights of one scaling group stacked by rows,
   * each row cut into chunks of {@code gs} columns normalized by {@code max|chunk| + 1e-6}, then
   * {@code w_mean[c]} = mean over all rows of the normalized {@code |w|} in column c. The weights
   * ({@code (rows[i], C)} each) are not modified.
   */
  public static float[] weightMean(List<float[]> weights, int[] rows, int C, int gs) {
    double[] sum = new double[C]; // (C)
    long totalRows = 0;
    for (int i = 0; i < weights.size(); i++) {
      float[] W = weights.get(i);
      for (int r = 0; r < rows[i]; r++) {
        for (int from = 0; from < C; from += gs) {
          int to = Math.min(from + gs, C);
          float max = 0f;
          for (int c = from; c < to; c++) {
            max = Math.max(max, Math.abs(W[r * C + c]));
          }
          for (int c = from; c < to; c++) {
            sum[c] += Math.abs(W[r * C + c]) / (max + 1e-6f);
          }
        }
      }
      totalRows += rows[i];
    }
    float[] wMean = new float[C]; // (C)
    for (int c = 0; c < C; c++) {
      wMean[c] = totalRows == 0 ? 0f : (float) (sum[c] / totalRows);
    }
    return wMean;
  }
}
