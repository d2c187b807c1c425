package io.acbench.compressor.sparsegpt;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.compressor.gptq.HessianAccumulator;
import io.acbench.compressor.pruning.PruneParams;
import io.acbench.compressor.pruning.PruneResult;
import io.acbench.compressor.testing.PrunerContractTest;
import io.acbench.compressor.testing.TestData;
import org.junit.jupiter.api.Test;

class SparseGptContractTest extends PrunerContractTest {

  private static final int BLOCK = 16;

  @Override
  protected PruneResult prune(float[] W, int R, int C, float[] X, int T, PruneParams params) {
    HessianAccumulator acc = new HessianAccumulator(C);
    acc.addBatch(X, T, 1);
    return SparseGpt.prune(W, R, C, acc.hessian(), new SparseGptParams(params, 0.01, BLOCK, 3))
        .pruned();
  }

  @Override
  protected long expectedPrunedCount(int R, int C, double p) {
    long n = 0; // exactly ⌊R·width·p⌋ per block of columns
    for (int i1 = 0; i1 < C; i1 += BLOCK) {
      n += (long) Math.floor((double) R * Math.min(BLOCK, C - i1) * p);
    }
    return n;
  }

  @Test
  void deadColumnWeightsAreZeroed() {
    int R = 8;
    int C = 16;
    int T = 64;
    float[] X = TestData.correlatedInputs(61, T, C);
    for (int t = 0; t < T; t++) {
      X[t * C + 3] = 0f;
    }
    PruneResult out = prune(TestData.gaussian(62, R * C), R, C, X, T, PruneParams.nOfM(2, 4));
    for (int r = 0; r < R; r++) {
      assertThat(out.weight()[r * C + 3]).isZero();
    }
  }
}
