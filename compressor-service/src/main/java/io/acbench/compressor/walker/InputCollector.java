package io.acbench.compressor.walker;

import io.acbench.compressor.gptq.HessianAccumulator;
import io.acbench.compressor.wanda.WandaStats;

/**
 * Receives the input of one linear (or of the linears sharing it) for one calibration sequence.
 * {@code x} is the engine's buffer: only {@code x[0, rows·in)} is valid, and it must not be kept.
 */
public interface InputCollector {

  void add(float[] x, int rows, int in);

  /** GPTQ/SparseGPT Hessian, one sequence per call (spec §2.1). */
  static InputCollector hessian(HessianAccumulator h) {
    return (x, rows, in) -> h.addBatch(x, rows, 1);
  }

  /** Wanda's squared input norms, one sequence per call (spec §4.1). */
  static InputCollector wanda(WandaStats s) {
    return (x, rows, in) -> s.addBatch(x, rows, 1);
  }

  /** Keeps every row in order, {@code (totalRows, in)}. */
  final class Cache implements InputCollector {
    final float[] X; // (totalRows, in)
    int filled; // rows stored

    Cache(int totalRows, int in) {
      this.X = new float[totalRows * in];
    }

    @Override
    public void add(float[] x, int rows, int in) {
      int n = Math.min(rows, X.length / in - filled);
      System.arraycopy(x, 0, X, filled * in, n * in);
      filled += n;
    }

    int rows(int in) {
      return filled;
    }
  }
}
