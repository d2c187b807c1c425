package io.acbench.runtime.weights;

import io.acbench.runtime.kernels.ParallelFor;

/** Argument checks and the serial-or-parallel decision shared by the weight classes. */
final class WeightChecks {

  /**
   * Multiply-adds below which a matmul runs on the calling thread: handing chunks to the pool costs
   * tens of microseconds, about what a core needs for this much work.
   */
  static final long PARALLEL_MIN_MACS = 1L << 17;

  /**
   * Input columns per chunk in batched dense matmuls: 512 floats of 8 batch rows is 16 KiB, inside
   * a 32 KiB L1 data cache next to the weight chunk.
   */
  static final int K_CHUNK = 512;

  /**
   * Output columns per block in batched int4 matmuls: the (batch, block) accumulators then stay in
   * L1 (8 × 256 floats is 8 KiB) instead of spilling a whole output row to L2.
   */
  static final int N_BLOCK = 256;

  private WeightChecks() {}

  static void positive(String name, String what, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": " + what + " must be > 0, got " + value);
    }
  }

  /** Checks the shapes of a matmul call against (batch, in) and (batch, out). */
  static void matmulArgs(String name, int in, int out, float[] x, int batch, float[] y) {
    if (batch < 1) {
      throw new IllegalArgumentException(name + ": batch must be >= 1, got " + batch);
    }
    if (x.length < (long) batch * in) {
      throw new IllegalArgumentException(
          name + ": x has " + x.length + " floats, needs batch × in = " + batch + " × " + in);
    }
    if (y.length < (long) batch * out) {
      throw new IllegalArgumentException(
          name + ": out has " + y.length + " floats, needs batch × out = " + batch + " × " + out);
    }
  }

  /** Runs {@code body} over {@code [0, n)} on {@code pool}, or serially when the work is small. */
  static void forRange(ParallelFor pool, long macs, int n, int grain, ParallelFor.RangeBody body) {
    if (macs < PARALLEL_MIN_MACS) {
      body.run(0, n);
    } else {
      pool.forRange(n, grain, body);
    }
  }
}
