package io.acbench.compressor.walker;

/** Error measures of the compression report, accumulated in double. */
final class Metrics {

  private Metrics() {}

  /** {@code ‖Ŵ − W‖_F / ‖W‖_F} (0 when W is all zero). */
  static double relativeWeightError(float[] W, float[] What) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < W.length; i++) {
      double d = (double) What[i] - W[i];
      num += d * d;
      den += (double) W[i] * W[i];
    }
    return den == 0 ? 0 : Math.sqrt(num / den);
  }

  /** {@code ‖X·(Ŵ − W)ᵀ‖² / ‖X·Wᵀ‖²} over {@code T} rows of {@code X} ({@code (T, C)}). */
  static double relativeOutputError(float[] W, float[] What, int R, int C, float[] X, int T) {
    double num = 0;
    double den = 0;
    for (int t = 0; t < T; t++) {
      int xOff = t * C;
      for (int r = 0; r < R; r++) {
        double y = 0;
        double yHat = 0;
        int wOff = r * C;
        for (int c = 0; c < C; c++) {
          double x = X[xOff + c];
          y += x * W[wOff + c];
          yHat += x * What[wOff + c];
        }
        num += (yHat - y) * (yHat - y);
        den += y * y;
      }
    }
    return den == 0 ? 0 : num / den;
  }

  /** {@code ‖a − b‖² / ‖b‖²} over two lists of equally long arrays. */
  static double relativeError(float[][] a, float[][] b) {
    double num = 0;
    double den = 0;
    for (int s = 0; s < a.length; s++) {
      for (int i = 0; i < a[s].length; i++) {
        double d = (double) a[s][i] - b[s][i];
        num += d * d;
        den += (double) b[s][i] * b[s][i];
      }
    }
    return den == 0 ? 0 : num / den;
  }

  /** Fraction of exact zeros. */
  static double sparsity(float[] W) {
    long zeros = 0;
    for (float w : W) {
      if (w == 0f) {
        zeros++;
      }
    }
    return W.length == 0 ? 0 : (double) zeros / W.length;
  }
}
