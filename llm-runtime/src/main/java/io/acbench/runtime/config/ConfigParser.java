package io.acbench.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.acbench.runtime.config.ModelConfig.QuantizationConfig;

/** Validates the top level of one {@code config.json}. */
final class ConfigParser {

  private final ConfigFields f;

  ConfigParser(ConfigFields fields) {
    this.f = fields;
  }

  ModelConfig parse() {
    String architecture = architecture();
    ModelFamily family = ModelFamily.ofArchitecture(architecture);
    String modelType = f.requiredString("model_type");
    if (!modelType.equals(family.modelType())) {
      throw new UnsupportedModelException(
          "'model_type' " + modelType + " does not match architecture " + architecture);
    }
    String act = f.optionalString("hidden_act", "silu");
    if (!act.equals("silu")) {
      throw new UnsupportedModelException("'hidden_act' " + act + " is not supported (silu)");
    }
    int hidden = f.positiveInt("hidden_size");
    int intermediate = f.positiveInt("intermediate_size");
    int layers = f.positiveInt("num_hidden_layers");
    int heads = f.positiveInt("num_attention_heads");
    int kvHeads = f.has("num_key_value_heads") ? f.positiveInt("num_key_value_heads") : heads;
    if (heads % kvHeads != 0) {
      throw new UnsupportedModelException(
          "'num_attention_heads' "
              + heads
              + " is not divisible by 'num_key_value_heads' "
              + kvHeads);
    }
    int vocab = f.positiveInt("vocab_size");
    int maxPositions = f.positiveInt("max_position_embeddings");
    QuantizationConfig quantization =
        f.has("quantization_config")
            ? QuantizationConfigs.parse(f.node("quantization_config"))
            : null;
    return new ModelConfig(
        architecture,
        modelType,
        hidden,
        intermediate,
        layers,
        heads,
        kvHeads,
        headDim(hidden, heads),
        vocab,
        maxPositions,
        f.optionalDouble("rms_norm_eps", 1e-6),
        f.optionalDouble("rope_theta", 10_000),
        RopeScalings.parse(f.node("rope_scaling")),
        attentionBias(family),
        f.optionalBoolean("tie_word_embeddings", false),
        slidingWindow(family, layers),
        f.optionalInt("bos_token_id", -1),
        eosTokenIds(),
        f.has("torch_dtype")
            ? f.optionalString("torch_dtype", null)
            : f.optionalString("dtype", null),
        quantization);
  }

  private String architecture() {
    JsonNode list = f.node("architectures");
    if (list == null) {
      throw f.missing("architectures");
    }
    if (!list.isArray() || list.size() != 1 || !list.get(0).isTextual()) {
      throw new UnsupportedModelException(
          "'architectures' must be a list of exactly one name, got " + list);
    }
    return list.get(0).textValue();
  }

  private int headDim(int hidden, int heads) {
    if (f.has("head_dim")) {
      return f.positiveInt("head_dim");
    }
    if (hidden % heads != 0) {
      throw new UnsupportedModelException(
          "'hidden_size' "
              + hidden
              + " is not divisible by 'num_attention_heads' "
              + heads
              + " and 'head_dim' is missing");
    }
    return hidden / heads;
  }

  private boolean attentionBias(ModelFamily family) {
    if (f.optionalBoolean("mlp_bias", false)) {
      throw new UnsupportedModelException("'mlp_bias' true is not supported");
    }
    return switch (family) {
      case QWEN2 -> true;
      case LLAMA -> f.optionalBoolean("attention_bias", false);
      case MISTRAL -> {
        if (f.optionalBoolean("attention_bias", false)) {
          throw new UnsupportedModelException("'attention_bias' true is not supported for mistral");
        }
        yield false;
      }
    };
  }

  private int slidingWindow(ModelFamily family, int layers) {
    return switch (family) {
      case LLAMA -> 0;
      case MISTRAL -> f.has("sliding_window") ? f.positiveInt("sliding_window") : 0;
      case QWEN2 -> {
        if (!f.optionalBoolean("use_sliding_window", false)) {
          yield 0;
        }
        // Qwen2 windows only the layers at or past max_window_layers (default 28). ModelConfig
        // holds one window for all layers, so only "none" and "every layer" are expressible.
        int firstWindowed = f.optionalInt("max_window_layers", 28);
        if (firstWindowed >= layers) {
          yield 0;
        }
        if (firstWindowed != 0) {
          throw new UnsupportedModelException(
              "'use_sliding_window' true with 'max_window_layers' "
                  + firstWindowed
                  + " windows only some layers; supported are 0 (every layer) or at least"
                  + " 'num_hidden_layers'");
        }
        yield f.positiveInt("sliding_window");
      }
    };
  }

  private int[] eosTokenIds() {
    JsonNode eos = f.node("eos_token_id");
    if (eos == null) {
      return new int[0];
    }
    if (eos.isArray()) {
      int[] ids = new int[eos.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = tokenId(eos.get(i));
      }
      return ids;
    }
    return new int[] {tokenId(eos)};
  }

  private static int tokenId(JsonNode node) {
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
      throw new UnsupportedModelException(
          "'eos_token_id' must be a token id or a list of token ids, got " + node);
    }
    return node.intValue();
  }
}
