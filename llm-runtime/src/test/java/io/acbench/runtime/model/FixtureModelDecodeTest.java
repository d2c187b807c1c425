package io.acbench.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.runtime.fixtures.FixtureModels;
import io.acbench.runtime.safetensors.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Incremental decode against a full forward pass on checkpoints written by the fixture tool. */
class FixtureModelDecodeTest {

  private static final double TOLERANCE = 1e-4;

  /** Longer than the tiny Mistral window (32 tokens), so the window is exercised. */
  private static final int SEQ_LEN = 40;

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"qwen2, F32", "llama, F32", "mistral, F32", "qwen2, BF16", "mistral, BF16"})
  void incrementalDecodeMatchesFullForward(String family, DType dtype) throws IOException {
    FixtureModels.write(family, "tiny", 7, dir, dtype);
    try (Transformer model = Transformer.load(dir)) {
      int vocab = model.config().vocabSize();
      SplittableRandom random = new SplittableRandom(3);
      int[] tokens = random.ints(SEQ_LEN, 0, vocab).toArray();
      float[] full = model.forward(tokens); // (SEQ_LEN, vocab)

      Sequence seq = model.newSequence(SEQ_LEN);
      float[] step = model.prefill(seq, Arrays.copyOf(tokens, 5));
      double diff = diff(step, full, 4, vocab);
      for (int t = 5; t < SEQ_LEN; t++) {
        step = model.decode(List.of(seq), new int[] {tokens[t]});
        diff = Math.max(diff, diff(step, full, t, vocab));
      }

      assertThat(diff).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @ParameterizedTest
  @CsvSource({"qwen2, F32", "llama, BF16"})
  void batchedDecodeEqualsOneAtATimeWithTheSimdKernels(String family, DType dtype)
      throws IOException {
    FixtureModels.write(family, "tiny", 8, dir, dtype);
    try (Transformer model = Transformer.load(dir)) {
      int vocab = model.config().vocabSize();
      SplittableRandom random = new SplittableRandom(4);
      int[][] prompts = {
        random.ints(3, 0, vocab).toArray(),
        random.ints(11, 0, vocab).toArray(),
        random.ints(6, 0, vocab).toArray()
      };
      int[][] next = new int[5][];
      for (int s = 0; s < next.length; s++) {
        next[s] = random.ints(3, 0, vocab).toArray();
      }
      List<Sequence> batch = new java.util.ArrayList<>();
      for (int[] p : prompts) {
        Sequence seq = model.newSequence(32);
        model.prefill(seq, p);
        batch.add(seq);
      }
      float[][] batched = new float[next.length][];
      for (int s = 0; s < next.length; s++) {
        batched[s] = model.decode(batch, next[s]);
      }

      double max = 0;
      for (int b = 0; b < prompts.length; b++) {
        Sequence seq = model.newSequence(32);
        model.prefill(seq, prompts[b]);
        for (int s = 0; s < next.length; s++) {
          float[] alone = model.decode(List.of(seq), new int[] {next[s][b]});
          max = Math.max(max, diff(alone, batched[s], b, vocab));
        }
      }
      assertThat(max).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  private static double diff(float[] row, float[] all, int t, int vocab) {
    double max = 0;
    for (int v = 0; v < vocab; v++) {
      max = Math.max(max, Math.abs(row[v] - all[t * vocab + v]));
    }
    return max;
  }
}
