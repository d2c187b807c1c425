package io.acbench.compressor.walker;

import io.acbench.compressor.linalg.FloatGemm;
import io.acbench.runtime.kernels.ParallelFor;
import io.acbench.runtime.weights.LinearWeight;

/**
 * A dense float weight for the calibration forwards over many tokens: holds {@code Wᵀ} ({@code (in,
 * out)}) packed as {@link FloatGemm.Panels} so {@code out = x·Wᵀ} is one {@link FloatGemm} product,
 * output columns split over the shared thread pool in panel-aligned bands. The layer being walked
 * computes with these in place of the memory-mapped or array weights; {@link #dequantize()} gives
 * back {@code W}.
 */
final class GemmLinear implements LinearWeight {

  private final int outFeatures;
  private final int inFeatures;
  private final FloatGemm.Panels Wt; // (inFeatures, outFeatures)

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
    float[] transposed = new float[W.length];
    for (int o = 0; o < outFeatures; o++) {
      for (int i = 0; i < inFeatures; i++) {
        transposed[i * outFeatures + o] = W[o * inFeatures + i];
      }
    }
    this.Wt = FloatGemm.Panels.pack(transposed, inFeatures, outFeatures);
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
            FloatGemm.PANEL_WIDTH,
            (j0, j1) -> FloatGemm.multiply(x, Wt, out, batch, j0, j1));
  }

  @Override
  public float[] dequantize() {
    float[] W = new float[outFeatures * inFeatures]; // (out, in)
    for (int o = 0; o < outFeatures; o++) {
      for (int i = 0; i < inFeatures; i++) {
        W[o * inFeatures + i] = Wt.get(i, o);
      }
    }
    return W;
  }

  @Override
  public long storageBytes() {
    return 4L * Wt.floats();
  }
}
