package io.acbench.runtime.weights;

import io.acbench.runtime.kernels.ParallelFor;
import io.acbench.runtime.kernels.VectorKernels;

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
          for (int o = o0; o < o1; o++) {
            VectorKernels.dotRows(
                weights, o * inFeatures, inFeatures, x, 0, inFeatures, batch, out, o, outFeatures);
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
