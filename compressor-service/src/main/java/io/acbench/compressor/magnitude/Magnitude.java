package io.acbench.compressor.magnitude;

import io.acbench.compressor.pruning.Masks;
import io.acbench.compressor.pruning.PruneParams;
import io.acbench.compressor.pruning.PruneResult;

/**
 * Magnitude pruning (spec §4.3, the Wanda repository's {@code prune_magnitude}): unstructured uses
 * one threshold for the whole matrix and zeroes exactly {@code floor(numel·p)} weights of smallest
 * {@code |W|}; N:M zeroes the N smallest {@code |W|} of every aligned window of M in each row.
 */
public final class Magnitude {

  private Magnitude() {}

  /** {@code W} ({@code (R, C)}) is not modified. */
  public static PruneResult prune(float[] W, int R, int C, PruneParams p) {
    double[] metric = new double[R * C]; // (R, C)
    for (int i = 0; i < R * C; i++) {
      metric[i] = Math.abs((double) W[i]);
    }
    boolean[] mask =
        p.isNOfM()
            ? Masks.nOfM(metric, R, C, p.prunen(), p.prunem())
            : Masks.global(metric, p.ratio());
    return new PruneResult(Masks.apply(W, mask), mask);
  }
}
