package io.acbench.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acbench.runtime.config.ModelConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransformerTest {

  /** Float32 engine against the double-precision oracle, and cached against uncached. */
  private static final double TOLERANCE = 1e-4;

  private static final int SEQ_LEN = 12;

  static Stream<ModelConfig> families() {
    return Stream.of(
        TinyModel.qwen2(), TinyModel.llama3(), TinyModel.llamaLinear(), TinyModel.mistral());
  }

  @ParameterizedTest
  @MethodSource("families")
  void forwardMatchesNaiveReference(ModelConfig config) {
    TinyModel m = new TinyModel(config, 11);
    int[] tokens = TinyModel.tokens(5, SEQ_LEN);

    float[] logits = m.build().forward(tokens);
    double[][] expected = ReferenceForward.logits(m, tokens);

    assertThat(maxAbsDiff(logits, expected)).isLessThanOrEqualTo(TOLERANCE);
  }

  @ParameterizedTest
  @MethodSource("families")
  void incrementalDecodeGivesTheFullForwardLogits(ModelConfig config) {
    TinyModel m = new TinyModel(config, 12);
    Transformer model = m.build();
    int[] tokens = TinyModel.tokens(6, SEQ_LEN);
    float[] full = model.forward(tokens);

    Sequence seq = model.newSequence(64);
    int prompt = 3;
    float[] step = model.prefill(seq, Arrays.copyOf(tokens, prompt));
    double diff = rowDiff(step, full, prompt - 1);
    for (int t = prompt; t < SEQ_LEN; t++) {
      step = model.decode(List.of(seq), new int[] {tokens[t]});
      diff = Math.max(diff, rowDiff(step, full, t));
    }

    assertThat(seq.position()).isEqualTo(SEQ_LEN);
    assertThat(diff).isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  void slidingWindowChangesLogitsOnceTheSequenceOutgrowsIt() {
    TinyModel windowed = new TinyModel(TinyModel.mistral(), 13);
    ModelConfig global = TinyModel.config("mistral", null, false, false, 0);
    TinyModel unwindowed = new TinyModel(global, 13);
    int[] tokens = TinyModel.tokens(7, SEQ_LEN);

    float[] a = windowed.build().forward(tokens);
    float[] b = unwindowed.build().forward(tokens);

    int window = windowed.config.slidingWindow();
    assertThat(rowDiff(row(a, window - 1), b, window - 1)).isLessThan(1e-6);
    assertThat(rowDiff(row(a, SEQ_LEN - 1), b, SEQ_LEN - 1)).isGreaterThan(1e-3);
  }

  @Test
  void batchedDecodeEqualsOneAtATimeDecode() {
    TinyModel m = new TinyModel(TinyModel.qwen2(), 14);
    int[][] prompts = {TinyModel.tokens(1, 2), TinyModel.tokens(2, 5), TinyModel.tokens(3, 9)};
    int steps = 4;
    int[][] next = new int[steps][];
    for (int s = 0; s < steps; s++) {
      next[s] = TinyModel.tokens(100 + s, 3);
    }

    Transformer batched = m.build();
    List<Sequence> seqs = new ArrayList<>();
    for (int[] p : prompts) {
      Sequence seq = batched.newSequence(32);
      batched.prefill(seq, p);
      seqs.add(seq);
    }
    List<float[]> batchedLogits = new ArrayList<>();
    for (int s = 0; s < steps; s++) {
      batchedLogits.add(batched.decode(seqs, next[s]));
    }

    Transformer single = m.build();
    int vocab = TinyModel.VOCAB;
    for (int b = 0; b < prompts.length; b++) {
      Sequence seq = single.newSequence(32);
      single.prefill(seq, prompts[b]);
      for (int s = 0; s < steps; s++) {
        float[] alone = single.decode(List.of(seq), new int[] {next[s][b]});
        float[] row = Arrays.copyOfRange(batchedLogits.get(s), b * vocab, (b + 1) * vocab);
        assertThat(maxAbsDiff(row, alone)).as("sequence %d step %d", b, s).isLessThan(1e-6);
      }
    }
  }

  @Test
  void chunkedPrefillEqualsOnePrefill() {
    Transformer model = new TinyModel(TinyModel.llama3(), 15).build();
    int[] tokens = TinyModel.tokens(8, SEQ_LEN);
    float[] full = model.forward(tokens);

    Sequence seq = model.newSequence(SEQ_LEN);
    model.prefill(seq, Arrays.copyOf(tokens, 5));
    float[] rest = model.prefill(seq, Arrays.copyOfRange(tokens, 5, SEQ_LEN), true);

    for (int t = 5; t < SEQ_LEN; t++) {
      float[] row = Arrays.copyOfRange(rest, (t - 5) * TinyModel.VOCAB, (t - 4) * TinyModel.VOCAB);
      assertThat(rowDiff(row, full, t)).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @Test
  void replacedLinearIsUsedByLaterPasses() {
    TinyModel m = new TinyModel(TinyModel.mistral(), 16);
    Transformer model = m.build();
    int[] tokens = TinyModel.tokens(9, SEQ_LEN);
    float[] scaled = m.weights.get(1).get(Projection.UP_PROJ).clone();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= -2f;
    }

    model
        .layer(1)
        .replaceLinear(
            Projection.fromHfName("up_proj"),
            new DenseTestWeight(scaled, TinyModel.INTERMEDIATE, TinyModel.HIDDEN));
    m.weights.get(1).put(Projection.UP_PROJ, scaled);

    assertThat(maxAbsDiff(model.forward(tokens), ReferenceForward.logits(m, tokens)))
        .isLessThanOrEqualTo(TOLERANCE);
    assertThatThrownBy(
            () ->
                model
                    .layer(0)
                    .replaceLinear(
                        Projection.Q_PROJ, new DenseTestWeight(scaled, TinyModel.INTERMEDIATE, 32)))
        .hasMessageContaining("q_proj");
  }

  @Test
  void sequenceBeyondItsCacheLimitIsRejected() {
    Transformer model = new TinyModel(TinyModel.qwen2(), 17).build();
    Sequence seq = model.newSequence(4);
    model.prefill(seq, TinyModel.tokens(1, 4));

    assertThatThrownBy(() -> model.decode(List.of(seq), new int[] {1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("limit of 4");
  }

  static float[] row(float[] all, int t) {
    return Arrays.copyOfRange(all, t * TinyModel.VOCAB, (t + 1) * TinyModel.VOCAB);
  }

  static double rowDiff(float[] row, float[] all, int t) {
    return rowDiff(row, toDouble(all), t);
  }

  static double rowDiff(float[] row, double[] all, int t) {
    double max = 0;
    for (int i = 0; i < row.length; i++) {
      max = Math.max(max, Math.abs(row[i] - all[t * row.length + i]));
    }
    return max;
  }

  static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  static double maxAbsDiff(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    return rowDiff(a, toDouble(b), 0);
  }

  static double maxAbsDiff(float[] flat, double[][] expected) {
    int width = expected[0].length;
    assertThat(flat).hasSize(expected.length * width);
    double max = 0;
    for (int t = 0; t < expected.length; t++) {
      for (int i = 0; i < width; i++) {
        max = Math.max(max, Math.abs(flat[t * width + i] - expected[t][i]));
      }
    }
    return max;
  }
}
