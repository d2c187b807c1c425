package io.acbench.compressor.wanda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.acbench.compressor.pruning.PruneParams;
import io.acbench.compressor.pruning.PruneResult;
import org.junit.jupiter.api.Test;

class WandaTest {

  @Test
  void statsAreTheRunningAverageOfSquaredNormsOverSequences() {
    // Batch 1 (1 sequence): tokens (1, 2), (3, 0); batch 2 (3 sequences): token (2, 2).
    // Σ x² = (1 + 9 + 4, 4 + 0 + 4) = (14, 8) over n = 4 sequences.
    WandaStats stats = new WandaStats(2);
    stats.addBatch(new float[] {1f, 2f, 3f, 0f}, 2, 1);
    stats.addBatch(new float[] {2f, 2f}, 1, 3);
    assertThat(stats.scalerRow()).containsExactly(new double[] {3.5, 2.0}, within(1e-12));
  }

  @Test
  void metricWeighsMagnitudeByTheActivationNorm() {
    // S = (1, 100): |w|·sqrt(S) = (3, 1·10) and (0.5, 0.2·10); the per-row smallest goes.
    float[] W = {3f, -1f, 0.5f, 0.2f};
    PruneResult out = Wanda.prune(W, 2, 2, new double[] {1, 100}, PruneParams.unstructured(0.5));
    assertThat(out.pruned()).containsExactly(true, false, true, false);
  }

  @Test
  void tiesArePrunedInIndexOrder() {
    float[] W = {1f, -1f, 1f, 1f};
    PruneResult out =
        Wanda.prune(W, 1, 4, new double[] {1, 1, 1, 1}, PruneParams.unstructured(0.5));
    assertThat(out.pruned()).containsExactly(true, true, false, false);
  }
}
