package io.acbench.runtime.model;

/**
 * Root-mean-square layer norm (Zhang and Sennrich 2019): {@code y = x / sqrt(mean(x²) + eps) · w},
 * computed in float32 row by row.
 */
public final class RmsNorm {

  private final float[] weight; // (dim)
  private final float eps;

  public RmsNorm(float[] weight, double eps) {
    this.weight = weight;
    this.eps = (float) eps;
  }

  public int dim() {
    return weight.length;
  }

  /** The scale vector {@code w} (not a copy). */
  public float[] weight() {
    return weight;
  }

  /**
   * Normalizes {@code rows} rows of {@code x} (rows, dim) into {@code out} (rows, dim); {@code x}
   * is not modified, and {@code out} may be {@code x}.
   */
  public void apply(float[] x, int rows, float[] out) {
    int dim = weight.length;
    for (int r = 0; r < rows; r++) {
      int base = r * dim;
      float sumSquares = 0f;
      for (int i = 0; i < dim; i++) {
        float v = x[base + i];
        sumSquares += v * v;
      }
      float inv = (float) (1.0 / Math.sqrt(sumSquares / dim + eps));
      for (int i = 0; i < dim; i++) {
        out[base + i] = x[base + i] * inv * weight[i];
      }
    }
  }
}
