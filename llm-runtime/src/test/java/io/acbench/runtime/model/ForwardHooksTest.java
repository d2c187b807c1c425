package io.acbench.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardHooksTest {

  private static final double TOLERANCE = 1e-5;
  private static final int SEQ_LEN = 7;

  /** Copies of everything the hooks reported during one pass. */
  static final class Recorder implements ForwardHooks {
    final List<Map<Projection, float[]>> inputs = new ArrayList<>();
    final List<float[]> layerInputs = new ArrayList<>();
    float[] lastOutput;
    float[] finalHidden;
    float[] logits;
    int rows = -1;

    @Override
    public void linearInput(int layer, Projection linear, float[] x, int rows, int in) {
      while (inputs.size() <= layer) {
        inputs.add(new EnumMap<>(Projection.class));
      }
      inputs.get(layer).put(linear, Arrays.copyOf(x, rows * in));
    }

    @Override
    public void layerInput(int layer, float[] hidden, int rows, int hiddenSize) {
      assertThat(layer).isEqualTo(layerInputs.size());
      this.rows = rows;
      layerInputs.add(Arrays.copyOf(hidden, rows * hiddenSize));
    }

    @Override
    public void lastLayerOutput(float[] hidden, int rows, int hiddenSize) {
      lastOutput = Arrays.copyOf(hidden, rows * hiddenSize);
    }

    @Override
    public void finalHidden(float[] hidden, int rows, int hiddenSize) {
      finalHidden = Arrays.copyOf(hidden, rows * hiddenSize);
    }

    @Override
    public void logits(float[] logits, int rows, int vocabSize) {
      this.logits = Arrays.copyOf(logits, rows * vocabSize);
    }
  }

  @Test
  void hooksSeeEveryStageWithItsShape() {
    TinyModel m = new TinyModel(TinyModel.qwen2(), 21);
    Transformer model = m.build();
    Recorder rec = new Recorder();
    model.setHooks(rec);
    int[] tokens = TinyModel.tokens(3, SEQ_LEN);

    float[] logits = model.forward(tokens);

    assertThat(rec.rows).isEqualTo(SEQ_LEN);
    assertThat(rec.layerInputs).hasSize(TinyModel.LAYERS);
    assertThat(rec.inputs).hasSize(TinyModel.LAYERS);
    for (Map<Projection, float[]> layer : rec.inputs) {
      assertThat(layer).containsOnlyKeys(Projection.values());
      for (Projection p : Projection.values()) {
        assertThat(layer.get(p)).hasSize(SEQ_LEN * m.in(p));
      }
    }
    float[] embedded = new float[SEQ_LEN * TinyModel.HIDDEN];
    for (int t = 0; t < SEQ_LEN; t++) {
      System.arraycopy(
          m.embed, tokens[t] * TinyModel.HIDDEN, embedded, t * TinyModel.HIDDEN, TinyModel.HIDDEN);
    }
    assertThat(rec.layerInputs.get(0)).containsExactly(embedded);
    assertThat(rec.logits).containsExactly(logits);
  }

  @Test
  void linearInputsReproduceTheResidualStream() {
    TinyModel m = new TinyModel(TinyModel.llama3(), 22);
    Transformer model = m.build();
    Recorder rec = new Recorder();
    model.setHooks(rec);
    model.forward(TinyModel.tokens(4, SEQ_LEN));

    for (int l = 0; l < TinyModel.LAYERS; l++) {
      // h_out = h_in + o_proj(o input) + down_proj(down input)
      float[] expected = rec.layerInputs.get(l).clone();
      addInto(expected, apply(m, l, Projection.O_PROJ, rec.inputs.get(l)));
      addInto(expected, apply(m, l, Projection.DOWN_PROJ, rec.inputs.get(l)));
      float[] actual = l + 1 < TinyModel.LAYERS ? rec.layerInputs.get(l + 1) : rec.lastOutput;
      assertThat(TransformerTest.maxAbsDiff(actual, expected)).isLessThan(TOLERANCE);
    }
    float[] normed = new float[rec.lastOutput.length];
    new RmsNorm(m.finalNorm, m.config.rmsNormEps()).apply(rec.lastOutput, SEQ_LEN, normed);
    assertThat(TransformerTest.maxAbsDiff(rec.finalHidden, normed)).isLessThan(TOLERANCE);
    float[] logits = new float[SEQ_LEN * TinyModel.VOCAB];
    new DenseTestWeight(m.lmHead, TinyModel.VOCAB, TinyModel.HIDDEN)
        .matmul(rec.finalHidden, SEQ_LEN, logits);
    assertThat(TransformerTest.maxAbsDiff(rec.logits, logits)).isLessThan(TOLERANCE);
  }

  @Test
  void decodeReportsOneRowPerSequence() {
    Transformer model = new TinyModel(TinyModel.mistral(), 23).build();
    Sequence a = model.newSequence(16);
    Sequence b = model.newSequence(16);
    model.prefill(a, TinyModel.tokens(1, 3));
    model.prefill(b, TinyModel.tokens(2, 6));
    Recorder rec = new Recorder();
    model.setHooks(rec);

    model.decode(List.of(a, b), new int[] {5, 6});

    assertThat(rec.rows).isEqualTo(2);
    assertThat(rec.inputs.get(1).get(Projection.GATE_PROJ)).hasSize(2 * TinyModel.HIDDEN);
    assertThat(rec.logits).hasSize(2 * TinyModel.VOCAB);
  }

  @Test
  void standaloneLayersChainToTheFullForwardPass() {
    TinyModel m = new TinyModel(TinyModel.mistral(), 24);
    Transformer model = m.build();
    int[] tokens = TinyModel.tokens(5, 10);
    float[] expected = model.forward(tokens);

    float[] hidden = new float[tokens.length * TinyModel.HIDDEN]; // (seqLen, hidden)
    for (int t = 0; t < tokens.length; t++) {
      model.embedding().lookup(tokens[t], hidden, t * TinyModel.HIDDEN);
    }
    for (DecoderLayer layer : model.layers()) {
      layer.forward(hidden, tokens.length, ForwardHooks.NONE);
    }
    model.finalNorm().apply(hidden, tokens.length, hidden);
    float[] logits = new float[tokens.length * TinyModel.VOCAB];
    model.lmHead().matmul(hidden, tokens.length, logits);

    assertThat(TransformerTest.maxAbsDiff(logits, expected)).isLessThan(TOLERANCE);
  }

  private static float[] apply(TinyModel m, int layer, Projection p, Map<Projection, float[]> in) {
    float[] out = new float[SEQ_LEN * m.out(p)];
    new DenseTestWeight(m.weights.get(layer).get(p), m.out(p), m.in(p))
        .matmul(in.get(p), SEQ_LEN, out);
    return out;
  }

  private static void addInto(float[] acc, float[] x) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += x[i];
    }
  }
}
