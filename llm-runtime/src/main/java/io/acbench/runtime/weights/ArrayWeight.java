package io.acbench.runtime.weights;

import io.acbench.runtime.kernels.ParallelFor;
import io.acbench.runtime.kernels.VectorKernels;
import java.util.Arrays;

/** A dense float32 weight held in a float[] (out, in), for weights made in memory. */
public final class ArrayWeight implements PooledLinearWeight {

  private static final int ROW_GRAIN = 16;

  private final String name;
  private final int outFeatures;
  private final int inFeatures;
  private final float[] weights; // (outFeatures, inFeatures)

  /**
   * Wraps (does not copy) {@code weights}, row-major (outFeatures, inFeatures); {@code name} is
   * used in error messages.
   */
  public ArrayWeight(String name, int outFeatures, int inFeatures, float[] weights) {
    WeightChecks.positive(name, "outFeatures", outFeatures);
    WeightChecks.positive(name, "inFeatures", inFeatures);
    if (weights.length != (long) outFeatures * inFeatures) {
      throw new IllegalArgumentException(
          name
              + ": array has "
              + weights.length
              + " floats, shape ("
              + outFeatures
              + ", "
              + inFeatures
              + ") needs "
              + (long) outFeatures * inFeatures);
    }
    this.name = name;
    this.outFeatures = outFeatures;
    this.inFeatures = inFeatures;
    this.weights = weights;
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
  public long storageBytes() {
    return 4L * weights.length;
  }

  @Override
  public void matmul(float[] x, int batch, float[] out, ParallelFor pool) {
    WeightChecks.matmulArgs(name, inFeatures, outFeatures, x, batch, out);
    WeightChecks.forRange(
        pool,
        (long) batch * weights.length,
        outFeatures,
        ROW_GRAIN,
        (o0, o1) -> {
          if (batch == 1) {
            for (int o = o0; o < o1; o++) {
              out[o] = VectorKernels.dot(weights, o * inFeatures, x, 0, inFeatures);
            }
            return;
          }
          // Chunks of the input width keep every batch row's slice in L1 (see DenseSegmentWeight).
          float[] partial = new float[batch]; // (batch)
          for (int b = 0; b < batch; b++) {
            Arrays.fill(out, b * outFeatures + o0, b * outFeatures + o1, 0f);
          }
          for (int kc = 0; kc < inFeatures; kc += WeightChecks.K_CHUNK) {
            int len = Math.min(WeightChecks.K_CHUNK, inFeatures - kc);
            for (int o = o0; o < o1; o++) {
              VectorKernels.dotRows(
                  weights, o * inFeatures + kc, len, x, kc, inFeatures, batch, partial, 0, 1);
              for (int b = 0; b < batch; b++) {
                out[b * outFeatures + o] += partial[b];
              }
            }
          }
        });
  }

  @Override
  public float[] dequantize() {
    return weights.clone();
  }

  @Override
  public String toString() {
    return "ArrayWeight[" + name + ", " + outFeatures + "×" + inFeatures + "]";
  }
}
