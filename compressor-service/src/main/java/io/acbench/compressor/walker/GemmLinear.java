package io.acbench.compressor.walker;

import io.acbench.compressor.linalg.FloatGemm;
import io.acbench.runtime.kernels.ParallelFor;
import io.acbench.runtime.weights.LinearWeight;

/**
 * A dense float weight for the calibration forwards over many tokens: holds {@code Wᵀ} ({@code (in,
 * out)}) so {@code out = x·Wᵀ} is one {@link FloatGemm} product, output columns split over the
 * shared thread pool. The layer being walked computes with these in place of the memory-mapped or
 * array weights; {@link #dequantize()} gives back {@code W}.
 */
final class GemmLinear implements LinearWeight {

  private static final int COLUMN_GRAIN = 32;

  private final int outFeatures;
  private final int inFeatures;
  private final float[] Wt; // (inFeatures, outFeatures)

  /** Copies {@code W} ({@code (out, in)} row-major), transposed. */
  GemmLinear(int outFeatures, int inFeatures, float[] W) {
    if (W.length != outFeatures * inFeatures) {
      throw new IllegalArgumentException(
          "weight has "
              + W.length
              + " floats, ("
              + outFeatures
              + ", "
              + inFeatures
              + ") needs "
              + outFeatures * inFeatures);
    }
    this.outFeatures = outFeatures;
    this.inFeatures = inFeatures;
    this.Wt = new float[W.length];
    for (int o = 0; o < outFeatures; o++) {
      for (int i = 0; i < inFeatures; i++) {
        Wt[i * outFeatures + o] = W[o * inFeatures + i];
      }
    }
  }

  @Override
  public int inFeatures() {
    return inFeatures;
  }

  @Override
  public int outFeatures() {
    return outFeatures;
  }

  @Override
  public void matmul(float[] x, int batch, float[] out) {
    if (x.length < batch * inFeatures || out.length < batch * outFeatures) {
      throw new IllegalArgumentException("x or out too short for batch " + batch);
    }
    ParallelFor.shared()
        .forRange(
            outFeatures,
            COLUMN_GRAIN,
            (j0, j1) -> FloatGemm.multiply(x, Wt, out, batch, outFeatures, inFeatures, j0, j1));
  }

  @Override
  public float[] dequantize() {
    float[] W = new float[Wt.length]; // (out, in)
    for (int o = 0; o < outFeatures; o++) {
      for (int i = 0; i < inFeatures; i++) {
        W[o * inFeatures + i] = Wt[i * outFeatures + o];
      }
    }
    return W;
  }

  @Override
  public long storageBytes() {
    return 4L * Wt.length;
  }
}
