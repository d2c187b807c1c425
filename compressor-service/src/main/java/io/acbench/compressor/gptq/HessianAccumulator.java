package io.acbench.compressor.gptq;

import io.acbench.compressor.linalg.Gemm;
import io.acbench.compressor.linalg.Kernels;
import io.acbench.runtime.kernels.ParallelFor;

/**
 * Running-average Hessian of one linear's inputs (spec §2.1), accumulated in double (D7).
 *
 * <p>Per batch of {@code b} sequences: {@code H ← H·n/(n+b)}; {@code n ← n+b}; {@code H ← H +
 * (2/n)·XᵀX} (the spec's {@code Z = sqrt(2/n)·X}, {@code H += ZᵀZ}). After all batches {@code H =
 * (2/n)·Σ_tokens x·xᵀ} with {@code n} the number of sequences (not tokens). SparseGPT uses the same
 * accumulator.
 *
 * <p>{@link Kernels#VECTOR} (default) forms {@code XᵀX} as a symmetric rank-k update: the batch is
 * widened to double once (float products are exact in double), taken {@value #TOKEN_BLOCK} tokens
 * at a time, and the upper triangle is updated in row blocks of {@value #ROW_BLOCK} by {@link Gemm}
 * products on the shared thread pool; the lower triangle is filled in by {@link #hessian()}.
 * Accumulation stays in double throughout, so it differs from the per-token twin ({@link
 * Kernels#SCALAR}, which scales each token by {@code sqrt(2/n)} first) by double rounding only.
 */
public final class HessianAccumulator {

  static final int TOKEN_BLOCK = 128;
  static final int ROW_BLOCK = 64;

  private final int C;
  private final double[] H; // (C, C); VECTOR keeps the upper triangle only
  private final Kernels kernels;
  private long nsamples;
  private double[] Xt; // (C, TOKEN_BLOCK): the token block transposed, widened
  private double[] Xd; // (TOKEN_BLOCK, C): the token block widened

  public HessianAccumulator(int columns) {
    this(columns, Kernels.VECTOR);
  }

  public HessianAccumulator(int columns, Kernels kernels) {
    this.C = columns;
    this.H = new double[columns * columns];
    this.kernels = kernels;
  }

  /**
   * Adds one batch. {@code X} is {@code (tokens, C)} row-major with {@code tokens = sequences ·
   * seqLen}, not modified.
   */
  public void addBatch(float[] X, int tokens, int sequences) {
    if (sequences <= 0) {
      throw new IllegalArgumentException("a batch holds at least one sequence");
    }
    double keep = (double) nsamples / (nsamples + sequences);
    nsamples += sequences;
    if (kernels == Kernels.SCALAR) {
      addBatchScalar(X, tokens, keep);
    } else {
      addBatchBlocked(X, tokens, keep);
    }
  }

  private void addBatchBlocked(float[] X, int tokens, double keep) {
    double factor = 2.0 / nsamples;
    int blocks = Math.ceilDiv(C, ROW_BLOCK);
    ParallelFor.shared()
        .forRange(
            C,
            ROW_BLOCK,
            (i0, i1) -> {
              for (int i = i0; i < i1; i++) {
                int row = i * C;
                for (int j = row + i; j < row + C; j++) {
                  H[j] *= keep;
                }
              }
            });
    if (Xd == null) {
      Xt = new double[C * TOKEN_BLOCK];
      Xd = new double[TOKEN_BLOCK * C];
    }
    for (int t0 = 0; t0 < tokens; t0 += TOKEN_BLOCK) {
      int tb = Math.min(TOKEN_BLOCK, tokens - t0);
      for (int t = 0; t < tb; t++) {
        int src = (t0 + t) * C;
        int dst = t * C;
        for (int j = 0; j < C; j++) {
          double x = X[src + j];
          Xd[dst + j] = x;
          Xt[j * tb + t] = x;
        }
      }
      // Row block b of the upper triangle: H[i0:i1, i0:C] += factor·Xt[i0:i1, :]·Xd[:, i0:C].
      ParallelFor.shared()
          .forRange(
              blocks,
              1,
              (s, e) -> {
                for (int u = s; u < e; u++) {
                  int b = (u & 1) == 0 ? u >>> 1 : blocks - 1 - (u >>> 1);
                  int i0 = b * ROW_BLOCK;
                  int i1 = Math.min(i0 + ROW_BLOCK, C);
                  Gemm.multiplyAdd(
                      factor, Xt, i0 * tb, tb, Xd, i0, C, H, i0 * C + i0, C, i1 - i0, C - i0, tb);
                }
              });
    }
  }

  /** The per-token twin: {@code z = sqrt(2/n)·x}, {@code H += z·zᵀ}, one token at a time. */
  private void addBatchScalar(float[] X, int tokens, double keep) {
    for (int i = 0; i < H.length; i++) {
      H[i] *= keep;
    }
    double factor = Math.sqrt(2.0 / nsamples);
    double[] z = new double[C]; // (C): one scaled token
    for (int t = 0; t < tokens; t++) {
      for (int j = 0; j < C; j++) {
        z[j] = factor * X[t * C + j];
      }
      for (int i = 0; i < C; i++) {
        double zi = z[i];
        if (zi == 0.0) {
          continue;
        }
        int rowI = i * C;
        for (int j = i; j < C; j++) {
          H[rowI + j] += zi * z[j];
        }
      }
    }
  }

  /** Number of sequences seen. */
  public long nsamples() {
    return nsamples;
  }

  public int columns() {
    return C;
  }

  /** A copy of {@code H}, {@code (C, C)} row-major, symmetric. */
  public double[] hessian() {
    double[] copy = H.clone();
    for (int i = 0; i < C; i++) {
      for (int j = 0; j < i; j++) {
        copy[i * C + j] = copy[j * C + i];
      }
    }
    return copy;
  }
}
