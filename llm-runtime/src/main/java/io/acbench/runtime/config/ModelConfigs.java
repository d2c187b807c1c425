package io.acbench.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a Hugging Face {@code config.json} of the Llama, Qwen2 or Mistral family into a {@link
 * ModelConfig}, rejecting anything the runtime cannot run, and writes one back.
 *
 * <p>Defaults follow the transformers config classes: {@code num_key_value_heads} =
 * num_attention_heads, {@code head_dim} = hidden_size / num_attention_heads, {@code rms_norm_eps}
 * 1e-6, {@code rope_theta} 10000, {@code hidden_act} silu, {@code tie_word_embeddings} false.
 */
public final class ModelConfigs {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelConfigs() {}

  /** Reads and validates a {@code config.json} file. */
  public static ModelConfig read(Path configJson) throws IOException {
    String text = Files.readString(configJson);
    try {
      return parse(text);
    } catch (UnsupportedModelException e) {
      throw new UnsupportedModelException(configJson + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses and validates {@code config.json} text.
   *
   * @throws UnsupportedModelException naming the field or architecture that is missing, mistyped or
   *     unsupported
   */
  public static ModelConfig parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UnsupportedModelException("config is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new UnsupportedModelException("config is not a JSON object");
    }
    return new ConfigParser(new ConfigFields(root, "")).parse();
  }

  /** Writes the config in the shape transformers and vLLM read, pretty-printed. */
  public static String toJson(ModelConfig c) {
    ModelFamily family = ModelFamily.ofModelType(c.modelType());
    ObjectNode o = JSON.createObjectNode();
    o.putArray("architectures").add(c.architecture());
    o.put("model_type", c.modelType());
    o.put("hidden_act", "silu");
    o.put("hidden_size", c.hiddenSize());
    o.put("intermediate_size", c.intermediateSize());
    o.put("num_hidden_layers", c.numHiddenLayers());
    o.put("num_attention_heads", c.numAttentionHeads());
    o.put("num_key_value_heads", c.numKeyValueHeads());
    o.put("head_dim", c.headDim());
    o.put("vocab_size", c.vocabSize());
    o.put("max_position_embeddings", c.maxPositionEmbeddings());
    o.put("rms_norm_eps", c.rmsNormEps());
    o.put("rope_theta", c.ropeTheta());
    if (c.ropeScaling() == null) {
      o.putNull("rope_scaling");
    } else {
      RopeScalings.write(c.ropeScaling(), o.putObject("rope_scaling"));
    }
    writeFamilyFields(family, c, o);
    o.put("tie_word_embeddings", c.tieWordEmbeddings());
    writeTokenIds(c, o);
    if (c.torchDtype() != null) {
      o.put("torch_dtype", c.torchDtype());
    }
    if (c.quantization() != null) {
      QuantizationConfigs.write(c.quantization(), o.putObject("quantization_config"));
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize config", e);
    }
  }

  private static void writeFamilyFields(ModelFamily family, ModelConfig c, ObjectNode o) {
    switch (family) {
      case LLAMA -> {
        if (c.slidingWindow() > 0) {
          throw new IllegalArgumentException("a llama config has no sliding window");
        }
        o.put("attention_bias", c.attentionBias());
        o.put("mlp_bias", false);
      }
      case QWEN2 -> {
        if (!c.attentionBias()) {
          throw new IllegalArgumentException("qwen2 q/k/v projections always carry a bias");
        }
        // Layers at or past max_window_layers use the window, so 0 windows every layer.
        o.put("use_sliding_window", c.slidingWindow() > 0);
        if (c.slidingWindow() > 0) {
          o.put("sliding_window", c.slidingWindow());
          o.put("max_window_layers", 0);
        } else {
          o.putNull("sliding_window");
          o.put("max_window_layers", c.numHiddenLayers());
        }
      }
      case MISTRAL -> {
        if (c.attentionBias()) {
          throw new IllegalArgumentException("a mistral config has no attention bias");
        }
        if (c.slidingWindow() > 0) {
          o.put("sliding_window", c.slidingWindow());
        } else {
          o.putNull("sliding_window");
        }
      }
    }
  }

  private static void writeTokenIds(ModelConfig c, ObjectNode o) {
    if (c.bosTokenId() >= 0) {
      o.put("bos_token_id", c.bosTokenId());
    } else {
      o.putNull("bos_token_id");
    }
    int[] eos = c.eosTokenIds() == null ? new int[0] : c.eosTokenIds();
    if (eos.length == 0) {
      o.putNull("eos_token_id");
    } else if (eos.length == 1) {
      o.put("eos_token_id", eos[0]);
    } else {
      ArrayNode list = o.putArray("eos_token_id");
      for (int id : eos) {
        list.add(id);
      }
    }
  }
}
