package io.acbench.compressor.wanda;

import io.acbench.compressor.pruning.Masks;
import io.acbench.compressor.pruning.PruneParams;
import io.acbench.compressor.pruning.PruneResult;

/**
 * Wanda (spec §4.1): metric {@code M[r, j] = |W[r, j]|·sqrt(S[j])}, compared per output row;
 * unstructured zeroes the {@code floor(C·p)} smallest of each row, N:M the N smallest of each
 * aligned window of M. No weight update.
 */
public final class Wanda {

  private Wanda() {}

  /**
   * {@code W} is {@code (R, C)}, {@code scalerRow} is {@code (C)} from {@link WandaStats}; neither
   * is modified.
   */
  public static PruneResult prune(float[] W, int R, int C, double[] scalerRow, PruneParams p) {
    double[] metric = new double[R * C]; // (R, C)
    for (int r = 0; r < R; r++) {
      for (int j = 0; j < C; j++) {
        metric[r * C + j] = Math.abs((double) W[r * C + j]) * Math.sqrt(scalerRow[j]);
      }
    }
    boolean[] mask =
        p.isNOfM()
            ? Masks.nOfM(metric, R, C, p.prunen(), p.prunem())
            : Masks.perRow(metric, R, C, p.ratio());
    return new PruneResult(Masks.apply(W, mask), mask);
  }
}
