package io.acbench.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.runtime.config.ModelConfig.QuantizationConfig;
import io.acbench.runtime.config.ModelConfig.RopeScaling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accepted configs, shaped like the published config.json of each family. */
class ModelConfigsTest {

  static final String QWEN25_05B =
      """
      {"architectures": ["Qwen2ForCausalLM"], "attention_dropout": 0.0,
       "bos_token_id": 151643, "eos_token_id": 151643, "hidden_act": "silu",
       "hidden_size": 896, "initializer_range": 0.02, "intermediate_size": 4864,
       "max_position_embeddings": 32768, "max_window_layers": 24, "model_type": "qwen2",
       "num_attention_heads": 14, "num_hidden_layers": 24, "num_key_value_heads": 2,
       "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "sliding_window": 32768,
       "tie_word_embeddings": true, "torch_dtype": "bfloat16", "transformers_version": "4.40.1",
       "use_cache": true, "use_sliding_window": false, "vocab_size": 151936}
      """;

  static final String LLAMA32_1B =
      """
      {"architectures": ["LlamaForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
       "bos_token_id": 128000, "eos_token_id": [128001, 128008, 128009], "head_dim": 64,
       "hidden_act": "silu", "hidden_size": 2048, "intermediate_size": 8192,
       "max_position_embeddings": 131072, "mlp_bias": false, "model_type": "llama",
       "num_attention_heads": 32, "num_hidden_layers": 16, "num_key_value_heads": 8,
       "pretraining_tp": 1, "rms_norm_eps": 1e-05,
       "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                        "original_max_position_embeddings": 8192, "rope_type": "llama3"},
       "rope_theta": 500000.0, "tie_word_embeddings": true, "torch_dtype": "bfloat16",
       "vocab_size": 128256}
      """;

  static final String MISTRAL_7B_V01 =
      """
      {"architectures": ["MistralForCausalLM"], "bos_token_id": 1, "eos_token_id": 2,
       "hidden_act": "silu", "hidden_size": 4096, "initializer_range": 0.02,
       "intermediate_size": 14336, "max_position_embeddings": 32768, "model_type": "mistral",
       "num_attention_heads": 32, "num_hidden_layers": 32, "num_key_value_heads": 8,
       "rms_norm_eps": 1e-05, "rope_theta": 10000.0, "sliding_window": 4096,
       "tie_word_embeddings": false, "torch_dtype": "bfloat16", "vocab_size": 32000}
      """;

  @TempDir Path dir;

  @Test
  void qwen25HasBiasTiedEmbeddingsAndNoWindow() {
    ModelConfig c = ModelConfigs.parse(QWEN25_05B);
    assertThat(c.architecture()).isEqualTo("Qwen2ForCausalLM");
    assertThat(c.modelType()).isEqualTo("qwen2");
    assertThat(c.hiddenSize()).isEqualTo(896);
    assertThat(c.intermediateSize()).isEqualTo(4864);
    assertThat(c.numHiddenLayers()).isEqualTo(24);
    assertThat(c.numAttentionHeads()).isEqualTo(14);
    assertThat(c.numKeyValueHeads()).isEqualTo(2);
    assertThat(c.headDim()).isEqualTo(64); // 896 / 14
    assertThat(c.queryGroupSize()).isEqualTo(7);
    assertThat(c.kvDim()).isEqualTo(128);
    assertThat(c.vocabSize()).isEqualTo(151936);
    assertThat(c.maxPositionEmbeddings()).isEqualTo(32768);
    assertThat(c.rmsNormEps()).isEqualTo(1e-6);
    assertThat(c.ropeTheta()).isEqualTo(1e6);
    assertThat(c.ropeScaling()).isNull();
    assertThat(c.attentionBias()).isTrue();
    assertThat(c.tieWordEmbeddings()).isTrue();
    assertThat(c.slidingWindow()).isZero();
    assertThat(c.bosTokenId()).isEqualTo(151643);
    assertThat(c.eosTokenIds()).containsExactly(151643);
    assertThat(c.torchDtype()).isEqualTo("bfloat16");
    assertThat(c.quantization()).isNull();
  }

  @Test
  void llama3HasRopeScalingExplicitHeadDimAndAnEosList() {
    ModelConfig c = ModelConfigs.parse(LLAMA32_1B);
    assertThat(c.modelType()).isEqualTo("llama");
    assertThat(c.headDim()).isEqualTo(64);
    assertThat(c.ropeTheta()).isEqualTo(500000.0);
    assertThat(c.ropeScaling()).isEqualTo(new RopeScaling("llama3", 32.0, 1.0, 4.0, 8192));
    assertThat(c.eosTokenIds()).containsExactly(128001, 128008, 128009);
    assertThat(c.attentionBias()).isFalse();
    assertThat(c.slidingWindow()).isZero();
    assertThat(c.rmsNormEps()).isEqualTo(1e-5);
  }

  @Test
  void llamaWithLinearScalingOldTypeKeyAndAttentionBias() {
    String json =
        LLAMA32_1B
            .replace("\"attention_bias\": false", "\"attention_bias\": true")
            .replaceAll(
                "\"rope_scaling\": \\{[^}]*}",
                "\"rope_scaling\": {\"type\": \"linear\", \"factor\": 2}")
            .replace("\"head_dim\": 64,", "");
    ModelConfig c = ModelConfigs.parse(json);
    assertThat(c.ropeScaling()).isEqualTo(new RopeScaling("linear", 2.0, 0, 0, 0));
    assertThat(c.attentionBias()).isTrue();
    assertThat(c.headDim()).isEqualTo(2048 / 32);
  }

  @Test
  void defaultRopeTypeMeansNoScaling() {
    String json =
        LLAMA32_1B.replaceAll(
            "\"rope_scaling\": \\{[^}]*}", "\"rope_scaling\": {\"rope_type\": \"default\"}");
    assertThat(ModelConfigs.parse(json).ropeScaling()).isNull();
  }

  @Test
  void mistralKeepsItsSlidingWindowOrNoneWhenNull() {
    ModelConfig v01 = ModelConfigs.parse(MISTRAL_7B_V01);
    assertThat(v01.slidingWindow()).isEqualTo(4096);
    assertThat(v01.headDim()).isEqualTo(128);
    assertThat(v01.attentionBias()).isFalse();
    assertThat(v01.tieWordEmbeddings()).isFalse();
    ModelConfig v03 =
        ModelConfigs.parse(
            MISTRAL_7B_V01.replace("\"sliding_window\": 4096", "\"sliding_window\": null"));
    assertThat(v03.slidingWindow()).isZero();
  }

  @Test
  void qwen2WindowOnEveryLayerIsKept() {
    String json =
        QWEN25_05B
            .replace("\"use_sliding_window\": false", "\"use_sliding_window\": true")
            .replace("\"max_window_layers\": 24", "\"max_window_layers\": 0");
    assertThat(ModelConfigs.parse(json).slidingWindow()).isEqualTo(32768);
    String noLayerWindowed =
        QWEN25_05B.replace("\"use_sliding_window\": false", "\"use_sliding_window\": true");
    assertThat(ModelConfigs.parse(noLayerWindowed).slidingWindow()).isZero(); // 24 >= 24 layers
  }

  @Test
  void absentOptionalFieldsTakeTransformersDefaults() {
    String json =
        """
        {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 64,
         "intermediate_size": 176, "num_hidden_layers": 2, "num_attention_heads": 4,
         "vocab_size": 1024, "max_position_embeddings": 2048}
        """;
    ModelConfig c = ModelConfigs.parse(json);
    assertThat(c.numKeyValueHeads()).isEqualTo(4);
    assertThat(c.headDim()).isEqualTo(16);
    assertThat(c.rmsNormEps()).isEqualTo(1e-6);
    assertThat(c.ropeTheta()).isEqualTo(10000.0);
    assertThat(c.tieWordEmbeddings()).isFalse();
    assertThat(c.bosTokenId()).isEqualTo(-1);
    assertThat(c.eosTokenIds()).isEmpty();
    assertThat(c.torchDtype()).isNull();
  }

  @Test
  void gptqAndAwqQuantizationConfigsAreRead() {
    String gptq =
        QWEN25_05B.replace(
            "\"vocab_size\"",
            """
            "quantization_config": {"quant_method": "gptq", "bits": 4, "group_size": 128,
              "desc_act": true, "sym": true, "damp_percent": 0.01, "checkpoint_format": "gptq"},
            "vocab_size\"""");
    assertThat(ModelConfigs.parse(gptq).quantization())
        .isEqualTo(new QuantizationConfig("gptq", 4, 128, true, true, "gptq"));
    String awq =
        QWEN25_05B.replace(
            "\"vocab_size\"",
            """
            "quantization_config": {"quant_method": "awq", "w_bit": 4, "q_group_size": 64,
              "zero_point": true, "version": "GEMM"},
            "vocab_size\"""");
    assertThat(ModelConfigs.parse(awq).quantization())
        .isEqualTo(new QuantizationConfig("awq", 4, 64, false, false, "gemm"));
  }

  @Test
  void toJsonReadsBackToTheSameConfigForEveryFamily() throws IOException {
    String awq =
        MISTRAL_7B_V01.replace(
            "\"vocab_size\"",
            "\"quantization_config\": {\"quant_method\": \"awq\", \"bits\": 4, \"group_size\": 128},"
                + " \"vocab_size\"");
    String qwenWindow =
        QWEN25_05B
            .replace("\"use_sliding_window\": false", "\"use_sliding_window\": true")
            .replace("\"max_window_layers\": 24", "\"max_window_layers\": 0");
    for (String json : new String[] {QWEN25_05B, LLAMA32_1B, MISTRAL_7B_V01, awq, qwenWindow}) {
      ModelConfig original = ModelConfigs.parse(json);
      Path file = dir.resolve("config.json");
      Files.writeString(file, ModelConfigs.toJson(original));
      assertThat(ModelConfigs.read(file)).usingRecursiveComparison().isEqualTo(original);
    }
  }

  @Test
  void toJsonWritesTheHuggingFaceKeys() {
    String json = ModelConfigs.toJson(ModelConfigs.parse(LLAMA32_1B));
    assertThat(json)
        .contains("\"architectures\" : [ \"LlamaForCausalLM\" ]")
        .contains("\"rope_type\" : \"llama3\"")
        .contains("\"original_max_position_embeddings\" : 8192")
        .contains("\"eos_token_id\" : [ 128001, 128008, 128009 ]")
        .contains("\"attention_bias\" : false");
    String qwen = ModelConfigs.toJson(ModelConfigs.parse(QWEN25_05B));
    assertThat(qwen)
        .contains("\"use_sliding_window\" : false")
        .contains("\"eos_token_id\" : 151643");
  }
}
