package io.acbench.compressor.testing;

import java.util.SplittableRandom;

/** Seeded synthetic weights and calibration inputs, and error measures computed independently. */
public final class TestData {

  private TestData() {}

  /** {@code (R, C)} standard normal weights. */
  public static float[] gaussian(long seed, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) gauss(rnd);
    }
    return a;
  }

  /**
   * {@code (T, C)} inputs with strongly correlated columns: {@code X = Z·A + 0.05·noise} with
   * {@code k = 4} latent factors, times a per-channel magnitude spread over two orders (a few
   * outlier channels, as in LLM activations).
   */
  public static float[] correlatedInputs(long seed, int T, int C) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int k = 4;
    double[] A = new double[k * C]; // (k, C)
    for (int i = 0; i < A.length; i++) {
      A[i] = gauss(rnd);
    }
    double[] magnitude = new double[C]; // (C)
    for (int c = 0; c < C; c++) {
      magnitude[c] = c % 8 == 0 ? 10.0 : 0.5 + rnd.nextDouble();
    }
    float[] X = new float[T * C]; // (T, C)
    double[] z = new double[k];
    for (int t = 0; t < T; t++) {
      for (int j = 0; j < k; j++) {
        z[j] = gauss(rnd);
      }
      for (int c = 0; c < C; c++) {
        double v = 0.05 * gauss(rnd);
        for (int j = 0; j < k; j++) {
          v += z[j] * A[j * C + c];
        }
        X[t * C + c] = (float) (v * magnitude[c]);
      }
    }
    return X;
  }

  /** {@code ‖X·Wᵀ − X·Ŵᵀ‖²_F}, with {@code X (T, C)}, {@code W, Ŵ (R, C)}, in double. */
  public static double outputError(float[] X, int T, int C, float[] W, float[] Wq, int R) {
    double sum = 0.0;
    for (int t = 0; t < T; t++) {
      for (int r = 0; r < R; r++) {
        double d = 0.0;
        for (int c = 0; c < C; c++) {
          d += (double) X[t * C + c] * ((double) W[r * C + c] - Wq[r * C + c]);
        }
        sum += d * d;
      }
    }
    return sum;
  }

  /** {@code (2/nsamples)·XᵀX} computed directly, {@code (C, C)}. */
  public static double[] hessian(float[] X, int T, int C, int nsamples) {
    double[] H = new double[C * C];
    for (int i = 0; i < C; i++) {
      for (int j = 0; j < C; j++) {
        double s = 0.0;
        for (int t = 0; t < T; t++) {
          s += (double) X[t * C + i] * X[t * C + j];
        }
        H[i * C + j] = 2.0 * s / nsamples;
      }
    }
    return H;
  }

  /** The {@code (n, n)} identity. */
  public static double[] identity(int n) {
    double[] I = new double[n * n];
    for (int i = 0; i < n; i++) {
      I[i * n + i] = 1.0;
    }
    return I;
  }

  /** {@code (T, C)} with {@code T = C}: one unit token per channel. */
  public static float[] unitTokens(int C) {
    float[] X = new float[C * C];
    for (int i = 0; i < C; i++) {
      X[i * C + i] = 1f;
    }
    return X;
  }

  private static double gauss(SplittableRandom rnd) {
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
