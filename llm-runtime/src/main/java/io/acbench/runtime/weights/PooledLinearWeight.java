package io.acbench.runtime.weights;

import io.acbench.runtime.kernels.ParallelFor;

/**
 * A {@link LinearWeight} whose matmul splits its output rows over a {@link ParallelFor}; the
 * three-argument {@link #matmul(float[], int, float[])} uses {@link ParallelFor#shared()}.
 */
public interface PooledLinearWeight extends LinearWeight {

  /** As {@link LinearWeight#matmul}, on the given pool. */
  void matmul(float[] x, int batch, float[] out, ParallelFor pool);

  @Override
  default void matmul(float[] x, int batch, float[] out) {
    matmul(x, batch, out, ParallelFor.shared());
  }
}
