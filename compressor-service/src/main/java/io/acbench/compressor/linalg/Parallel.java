package io.acbench.compressor.linalg;

import io.acbench.runtime.kernels.ParallelFor;
import java.util.function.IntConsumer;

/**
 * Runs independent tasks on {@code llm-runtime}'s shared {@link ParallelFor} pool (size {@code
 * -Dacbench.runtime.threads}, default all processors).
 */
final class Parallel {

  private Parallel() {}

  /**
   * Runs {@code body(t)} for every {@code t < count}, where task cost grows or shrinks
   * monotonically with {@code t} (triangular work): the tasks are dealt in the order {@code 0,
   * count−1, 1, count−2, …} so every thread's contiguous share mixes heavy and light tasks.
   */
  static void balanced(int count, IntConsumer body) {
    ParallelFor.shared()
        .forRange(
            count,
            1,
            (s, e) -> {
              for (int u = s; u < e; u++) {
                body.accept((u & 1) == 0 ? u >>> 1 : count - 1 - (u >>> 1));
              }
            });
  }

  /** Runs {@code body(start, end)} over {@code [0, n)} in contiguous chunks of whole grains. */
  static void range(int n, int grain, ParallelFor.RangeBody body) {
    ParallelFor.shared().forRange(n, grain, body);
  }
}
