package io.acbench.compressor.awq;

import java.util.List;

/** One linear without bias, {@code Y = X·Wᵀ}, as an {@link AwqBlock}. */
public final class LinearBlock implements AwqBlock {

  private final float[] X; // (T, C)
  private final int T;
  private final int C;
  private final int R;

  /** {@code X} is {@code (T, C)} row-major and is kept by reference, never modified. */
  public LinearBlock(float[] X, int T, int C, int R) {
    this.X = X;
    this.T = T;
    this.C = C;
    this.R = R;
  }

  /** {@code Y[t, r] = Σ_c X[t, c]·W[r, c]} with the single weight in {@code weights}. */
  @Override
  public float[] output(List<float[]> weights) {
    return matmulTransposed(X, T, C, weights.getFirst(), R);
  }

  /** {@code (T, C) × (R, C)ᵀ → (T, R)}, accumulated in double. Arguments are not modified. */
  public static float[] matmulTransposed(float[] X, int T, int C, float[] W, int R) {
    float[] Y = new float[T * R]; // (T, R)
    for (int t = 0; t < T; t++) {
      for (int r = 0; r < R; r++) {
        double acc = 0.0;
        for (int c = 0; c < C; c++) {
          acc += (double) X[t * C + c] * W[r * C + c];
        }
        Y[t * R + r] = (float) acc;
      }
    }
    return Y;
  }
}
