package io.acbench.compressor.magnitude;

import io.acbench.compressor.pruning.PruneParams;
import io.acbench.compressor.pruning.PruneResult;
import io.acbench.compressor.testing.PrunerContractTest;

class MagnitudeContractTest extends PrunerContractTest {

  @Override
  protected PruneResult prune(float[] W, int R, int C, float[] X, int T, PruneParams params) {
    return Magnitude.prune(W, R, C, params);
  }

  @Override
  protected long expectedPrunedCount(int R, int C, double p) {
    return (long) Math.floor((double) R * C * p); // exactly ⌊numel·p⌋ per matrix
  }
}
