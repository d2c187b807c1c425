package io.acbench.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.runtime.kernels.ParallelFor;
import org.junit.jupiter.api.Test;

/**
 * A prefill long enough for attention to split its rows over the thread pool computes every row
 * exactly as a one-thread run does, and still matches the double-precision oracle.
 */
class ParallelAttentionTest {

  /** Float32 engine against the double-precision oracle (as {@code TransformerTest}). */
  private static final double TOLERANCE = 1e-4;

  /** 160·161/2 keys × 4 heads × 8 dims ≈ 4·10⁵ multiply-adds: above the parallel threshold. */
  private static final int SEQ_LEN = 160;

  @Test
  void parallelPrefillIsBitIdenticalToOneThreadAndMatchesTheOracle() {
    for (var config :
        new io.acbench.runtime.config.ModelConfig[] {TinyModel.qwen2(), TinyModel.mistral()}) {
      TinyModel m = new TinyModel(config, 21);
      int[] tokens = TinyModel.tokens(22, SEQ_LEN);
      float[] serial;
      float[] parallel;
      try {
        ParallelFor.configureShared(1);
        serial = m.build().forward(tokens);
        ParallelFor.configureShared(3);
        parallel = m.build().forward(tokens);
      } finally {
        ParallelFor.configureShared(Runtime.getRuntime().availableProcessors());
      }
      assertThat(parallel).containsExactly(serial);
      assertThat(TransformerTest.maxAbsDiff(parallel, ReferenceForward.logits(m, tokens)))
          .isLessThanOrEqualTo(TOLERANCE);
    }
  }
}
