package io.acbench.compressor.sparsegpt;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.compressor.gptq.HessianAccumulator;
import io.acbench.compressor.magnitude.Magnitude;
import io.acbench.compressor.pruning.PruneParams;
import io.acbench.compressor.pruning.PruneResult;
import io.acbench.compressor.testing.TestData;
import io.acbench.compressor.wanda.Wanda;
import io.acbench.compressor.wanda.WandaStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SparseGPT against the baselines (spec §4.2, §6 checks 3–4). */
class SparseGptTest {

  private static final int R = 32;
  private static final int C = 64;
  private static final int T = 256;

  @Test
  void sparseGptOutputErrorIsBelowMagnitudeOnCorrelatedInputs() {
    float[] W = TestData.gaussian(71, R * C);
    float[] X = TestData.correlatedInputs(72, T, C);
    HessianAccumulator acc = new HessianAccumulator(C);
    acc.addBatch(X, T, 1);
    WandaStats stats = new WandaStats(C);
    stats.addBatch(X, T, 1);
    for (PruneParams p : List.of(PruneParams.unstructured(0.5), PruneParams.nOfM(2, 4))) {
      float[] sparse =
          SparseGpt.prune(W, R, C, acc.hessian(), SparseGptParams.defaults(p)).pruned().weight();
      double sparseErr = TestData.outputError(X, T, C, W, sparse, R);
      double magErr = TestData.outputError(X, T, C, W, Magnitude.prune(W, R, C, p).weight(), R);
      double wandaErr =
          TestData.outputError(X, T, C, W, Wanda.prune(W, R, C, stats.scalerRow(), p).weight(), R);
      assertThat(sparseErr).as("%s", p).isLessThan(magErr);
      assertThat(sparseErr).as("%s", p).isLessThan(wandaErr);
    }
  }

  @Test
  void identityHessianReducesToMagnitudeWithoutUpdates() {
    // Spec §4.2: with H = I the unstructured mask is a global |W| threshold per block (one block
    // here) and U is diagonal, so kept weights are not moved; 2:4 is the per-window magnitude.
    float[] W = TestData.gaussian(73, R * C);
    for (PruneParams p : List.of(PruneParams.unstructured(0.5), PruneParams.nOfM(2, 4))) {
      SparseGptResult res =
          SparseGpt.prune(W, R, C, TestData.identity(C), SparseGptParams.defaults(p));
      PruneResult mag = Magnitude.prune(W, R, C, p);
      assertThat(res.pruned().pruned()).as("%s", p).containsExactly(mag.pruned());
      assertThat(res.pruned().weight()).containsExactly(mag.weight());
    }
  }

  @Test
  void keptWeightsAreUpdatedAndPrunedOnesStayZero() {
    float[] W = TestData.gaussian(74, R * C);
    float[] X = TestData.correlatedInputs(75, T, C);
    HessianAccumulator acc = new HessianAccumulator(C);
    acc.addBatch(X, T, 1);
    double[] H = acc.hessian();
    double[] Hcopy = H.clone();
    SparseGptResult res =
        SparseGpt.prune(
            W, R, C, H, new SparseGptParams(PruneParams.unstructured(0.5), 0.01, 16, 3));
    int moved = 0;
    for (int i = 0; i < R * C; i++) {
      if (res.pruned().pruned()[i]) {
        assertThat(res.pruned().weight()[i]).isZero();
      } else if (res.pruned().weight()[i] != W[i]) {
        moved++;
      }
    }
    assertThat(moved).isGreaterThan(R * C / 4);
    assertThat(res.loss()).isPositive();
    assertThat(H).containsExactly(Hcopy);
  }
}
