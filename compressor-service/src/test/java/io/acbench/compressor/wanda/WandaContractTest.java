package io.acbench.compressor.wanda;

import io.acbench.compressor.pruning.PruneParams;
import io.acbench.compressor.pruning.PruneResult;
import io.acbench.compressor.testing.PrunerContractTest;

class WandaContractTest extends PrunerContractTest {

  @Override
  protected PruneResult prune(float[] W, int R, int C, float[] X, int T, PruneParams params) {
    WandaStats stats = new WandaStats(C);
    stats.addBatch(X, T, 1);
    return Wanda.prune(W, R, C, stats.scalerRow(), params);
  }

  @Override
  protected long expectedPrunedCount(int R, int C, double p) {
    return (long) R * (long) Math.floor(C * p); // exactly ⌊C·p⌋ per row
  }
}
