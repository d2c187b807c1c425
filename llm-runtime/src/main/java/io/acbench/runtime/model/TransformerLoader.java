package io.acbench.runtime.model;

import io.acbench.runtime.config.ModelConfig;
import io.acbench.runtime.config.ModelConfigs;
import io.acbench.runtime.safetensors.TensorStore;
import io.acbench.runtime.safetensors.TensorStores;
import io.acbench.runtime.weights.LinearWeight;
import io.acbench.runtime.weights.WeightLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link Transformer} from a Hugging Face model directory, weights read in place. */
final class TransformerLoader {

  private static final String EMBED = "model.embed_tokens.weight";

  private TransformerLoader() {}

  static Transformer load(Path modelDir) {
    ModelConfig config;
    try {
      config = ModelConfigs.read(modelDir.resolve("config.json"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + modelDir.resolve("config.json"), e);
    }
    TensorStore store;
    try {
      store = TensorStores.open(modelDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the safetensors of " + modelDir, e);
    }
    try {
      return build(config, store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static Transformer build(ModelConfig config, TensorStore store) {
    Embedding embedding = embedding(config, store);
    List<DecoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < config.numHiddenLayers(); l++) {
      layers.add(layer(config, store, l));
    }
    RmsNorm finalNorm = norm(config, store, "model.norm.weight");
    LinearWeight lmHead =
        config.tieWordEmbeddings() || !store.contains("lm_head.weight")
            ? WeightLoader.loadDense(store, EMBED)
            : WeightLoader.loadDense(store, "lm_head.weight");
    return new Transformer(config, embedding, layers, finalNorm, lmHead, store);
  }

  private static Embedding embedding(ModelConfig config, TensorStore store) {
    if (!store.contains(EMBED)) {
      throw new IllegalArgumentException("tensor '" + EMBED + "' is missing from the checkpoint");
    }
    long[] shape = store.shape(EMBED);
    if (shape.length != 2 || shape[0] != config.vocabSize() || shape[1] != config.hiddenSize()) {
      throw new IllegalArgumentException(
          "tensor '"
              + EMBED
              + "': shape "
              + Arrays.toString(shape)
              + ", expected ["
              + config.vocabSize()
              + ", "
              + config.hiddenSize()
              + "]");
    }
    return new Embedding(
        store.segment(EMBED), store.dtype(EMBED), config.vocabSize(), config.hiddenSize());
  }

  private static DecoderLayer layer(ModelConfig config, TensorStore store, int index) {
    String prefix = "model.layers." + index + ".";
    Map<Projection, LinearWeight> linears = new EnumMap<>(Projection.class);
    Map<Projection, float[]> biases = new EnumMap<>(Projection.class);
    for (Projection p : Projection.values()) {
      String name = prefix + p.path();
      linears.put(p, WeightLoader.load(store, name, config.quantization()));
      float[] bias = WeightLoader.loadBias(store, name);
      if (bias != null) {
        biases.put(p, bias);
      }
    }
    return new DecoderLayer(
        index,
        config,
        norm(config, store, prefix + "input_layernorm.weight"),
        norm(config, store, prefix + "post_attention_layernorm.weight"),
        linears,
        biases);
  }

  private static RmsNorm norm(ModelConfig config, TensorStore store, String name) {
    if (!store.contains(name)) {
      throw new IllegalArgumentException("tensor '" + name + "' is missing from the checkpoint");
    }
    float[] w = store.readFloats(name);
    if (w.length != config.hiddenSize()) {
      throw new IllegalArgumentException(
          "tensor '" + name + "' has " + w.length + " values, expected " + config.hiddenSize());
    }
    return new RmsNorm(w, config.rmsNormEps());
  }
}
