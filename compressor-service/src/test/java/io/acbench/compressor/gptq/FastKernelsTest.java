package io.acbench.compressor.gptq;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.compressor.linalg.Kernels;
import io.acbench.compressor.pruning.PruneParams;
import io.acbench.compressor.sparsegpt.SparseGpt;
import io.acbench.compressor.sparsegpt.SparseGptParams;
import io.acbench.compressor.sparsegpt.SparseGptResult;
import io.acbench.compressor.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * The blocked Hessian accumulation and the GPTQ / SparseGPT runs on the fast kernels against the
 * same code on the scalar twins ({@link Kernels#SCALAR}), on seeded inputs wider than one block.
 */
class FastKernelsTest {

  /** Hessian: both accumulate in double; relative to the largest |H| entry. */
  static final double HESSIAN_TOLERANCE = 1e-12;

  /** GPTQ/SparseGPT loss: double rounding of U and the lazy updates, relative. */
  static final double LOSS_TOLERANCE = 1e-9;

  /**
   * Fraction of codes / mask entries allowed to differ: a weight within rounding of a grid midpoint
   * or of the pruning threshold may land on the other side.
   */
  static final double FLIP_TOLERANCE = 1e-3;

  private static final int C = 200; // 3 row blocks + a tail, 12 column strips + a tail
  private static final int R = 40;

  @Test
  void blockedHessianMatchesThePerTokenTwinOverSeveralBatches() {
    HessianAccumulator fast = new HessianAccumulator(C);
    HessianAccumulator twin = new HessianAccumulator(C, Kernels.SCALAR);
    int[][] batches = {{300, 1}, {64, 2}, {129, 3}}; // tokens, sequences
    for (int b = 0; b < batches.length; b++) {
      float[] X = TestData.correlatedInputs(40 + b, batches[b][0], C);
      fast.addBatch(X, batches[b][0], batches[b][1]);
      twin.addBatch(X, batches[b][0], batches[b][1]);
    }
    assertThat(fast.nsamples()).isEqualTo(6);
    double[] H = fast.hessian();
    double[] expected = twin.hessian();
    double max = 0;
    for (double e : expected) {
      max = Math.max(max, Math.abs(e));
    }
    for (int i = 0; i < C; i++) {
      for (int j = 0; j < C; j++) {
        assertThat(H[i * C + j]).isEqualTo(H[j * C + i]);
        assertThat(Math.abs(H[i * C + j] - expected[i * C + j]))
            .isLessThanOrEqualTo(HESSIAN_TOLERANCE * max);
      }
    }
  }

  @Test
  void gptqOnFastKernelsMatchesTheScalarTwin() {
    float[] W = TestData.gaussian(50, R * C);
    double[] H = hessian(51);
    for (GptqParams p :
        new GptqParams[] {
          GptqParams.vllmDefaults().withGroupSize(32).withBlockSize(64),
          GptqParams.vllmDefaults().withGroupSize(-1).withActOrder(false, false)
        }) {
      GptqResult fast = Gptq.quantize(W, R, C, H, p, Kernels.VECTOR);
      GptqResult twin = Gptq.quantize(W, R, C, H, p, Kernels.SCALAR);
      assertThat(Math.abs(fast.loss() - twin.loss())).isLessThan(LOSS_TOLERANCE * twin.loss());
      int[] a = fast.quantized().codes();
      int[] b = twin.quantized().codes();
      int flips = 0;
      for (int i = 0; i < a.length; i++) {
        flips += a[i] == b[i] ? 0 : 1;
      }
      assertThat((double) flips / a.length).isLessThanOrEqualTo(FLIP_TOLERANCE);
    }
  }

  @Test
  void sparseGptOnFastKernelsMatchesTheScalarTwin() {
    float[] W = TestData.gaussian(52, R * C);
    double[] H = hessian(53);
    for (PruneParams pattern :
        new PruneParams[] {PruneParams.unstructured(0.5), PruneParams.nOfM(2, 4)}) {
      SparseGptParams p = new SparseGptParams(pattern, 0.01, 64, 3);
      SparseGptResult fast = SparseGpt.prune(W, R, C, H, p, Kernels.VECTOR);
      SparseGptResult twin = SparseGpt.prune(W, R, C, H, p, Kernels.SCALAR);
      assertThat(Math.abs(fast.loss() - twin.loss())).isLessThan(LOSS_TOLERANCE * twin.loss());
      boolean[] a = fast.pruned().pruned();
      boolean[] b = twin.pruned().pruned();
      int flips = 0;
      for (int i = 0; i < a.length; i++) {
        flips += a[i] == b[i] ? 0 : 1;
      }
      assertThat((double) flips / a.length).isLessThanOrEqualTo(FLIP_TOLERANCE);
    }
  }

  private static double[] hessian(long seed) {
    HessianAccumulator acc = new HessianAccumulator(C, Kernels.SCALAR);
    acc.addBatch(TestData.correlatedInputs(seed, 400, C), 400, 1);
    return acc.hessian();
  }
}
