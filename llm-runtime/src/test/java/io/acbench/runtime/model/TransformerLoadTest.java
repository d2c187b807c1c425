package io.acbench.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acbench.runtime.config.ModelConfig;
import io.acbench.runtime.config.ModelConfigs;
import io.acbench.runtime.safetensors.DType;
import io.acbench.runtime.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformerLoadTest {

  @TempDir Path dir;

  /** Writes the tiny model as an HF checkpoint; embeddings in {@code embedDtype}. */
  private static void write(TinyModel m, Path dir, DType embedDtype) throws IOException {
    Files.writeString(dir.resolve("config.json"), ModelConfigs.toJson(m.config));
    SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
    w.addFloats(
        "model.embed_tokens.weight", embedDtype, m.embed, TinyModel.VOCAB, TinyModel.HIDDEN);
    if (!m.config.tieWordEmbeddings()) {
      w.addFloats("lm_head.weight", DType.F32, m.lmHead, TinyModel.VOCAB, TinyModel.HIDDEN);
    }
    w.addFloats("model.norm.weight", DType.F32, m.finalNorm, TinyModel.HIDDEN);
    for (int l = 0; l < TinyModel.LAYERS; l++) {
      String prefix = "model.layers." + l + ".";
      w.addFloats(
          prefix + "input_layernorm.weight", DType.F32, m.inputNorms.get(l), TinyModel.HIDDEN);
      w.addFloats(
          prefix + "post_attention_layernorm.weight",
          DType.F32,
          m.postNorms.get(l),
          TinyModel.HIDDEN);
      for (Projection p : Projection.values()) {
        w.addFloats(
            prefix + p.path() + ".weight", DType.F32, m.weights.get(l).get(p), m.out(p), m.in(p));
        float[] bias = m.biases.get(l).get(p);
        if (bias != null) {
          w.addFloats(prefix + p.path() + ".bias", DType.F32, bias, m.out(p));
        }
      }
    }
    w.write(dir.resolve("model.safetensors"));
  }

  @Test
  void loadedCheckpointRunsLikeTheInMemoryModel() throws IOException {
    for (ModelConfig config : new ModelConfig[] {TinyModel.qwen2(), TinyModel.mistral()}) {
      TinyModel m = new TinyModel(config, 41);
      Path modelDir = Files.createDirectories(dir.resolve(config.modelType()));
      write(m, modelDir, DType.F32);
      int[] tokens = TinyModel.tokens(1, 9);

      try (Transformer loaded = Transformer.load(modelDir)) {
        assertThat(loaded.config().tieWordEmbeddings()).isEqualTo(config.tieWordEmbeddings());
        assertThat(loaded.layer(0).bias(Projection.Q_PROJ) != null)
            .isEqualTo(config.attentionBias());
        assertThat(TransformerTest.maxAbsDiff(loaded.forward(tokens), m.build().forward(tokens)))
            .isLessThan(1e-5);
      }
    }
  }

  @Test
  void bf16EmbeddingRowsAreWidenedExactly() throws IOException {
    TinyModel m = new TinyModel(TinyModel.llama3(), 42);
    write(m, dir, DType.BF16);

    try (Transformer loaded = Transformer.load(dir)) {
      float[] row = new float[TinyModel.HIDDEN];
      loaded.embedding().lookup(7, row, 0);
      for (int i = 0; i < TinyModel.HIDDEN; i++) {
        int bits = Float.floatToIntBits(m.embed[7 * TinyModel.HIDDEN + i]);
        int roundedToNearestEven = (bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff0000;
        assertThat(row[i]).isEqualTo(Float.intBitsToFloat(roundedToNearestEven));
      }
    }
  }

  @Test
  void missingTensorIsNamed() throws IOException {
    Files.writeString(dir.resolve("config.json"), ModelConfigs.toJson(TinyModel.qwen2()));
    new SafetensorsWriter()
        .metadata("format", "pt")
        .addFloats("model.norm.weight", DType.F32, new float[TinyModel.HIDDEN], TinyModel.HIDDEN)
        .write(dir.resolve("model.safetensors"));

    assertThatThrownBy(() -> Transformer.load(dir))
        .hasMessageContaining("model.embed_tokens.weight");
  }
}
