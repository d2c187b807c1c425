package io.acbench.runtime.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each config breaks one rule; the message must name the field and the rule. */
class ModelConfigsRejectionTest {

  private static final String QWEN = ModelConfigsTest.QWEN25_05B;
  private static final String LLAMA = ModelConfigsTest.LLAMA32_1B;

  @TempDir Path dir;

  private static AbstractThrowableAssert<?, ? extends Throwable> rejected(String json) {
    return assertThatThrownBy(() -> ModelConfigs.parse(json))
        .isInstanceOf(UnsupportedModelException.class);
  }

  private static String withQuantization(String quantization) {
    return QWEN.replace(
        "\"vocab_size\"", "\"quantization_config\": " + quantization + ", \"vocab_size\"");
  }

  @Test
  void otherArchitecture() {
    rejected(QWEN.replace("Qwen2ForCausalLM", "GemmaForCausalLM"))
        .hasMessageContaining("architecture 'GemmaForCausalLM' is not supported");
  }

  @Test
  void modelTypeNotMatchingTheArchitecture() {
    rejected(QWEN.replace("\"model_type\": \"qwen2\"", "\"model_type\": \"llama\""))
        .hasMessageContaining("'model_type' llama does not match architecture Qwen2ForCausalLM");
  }

  @Test
  void severalArchitectures() {
    rejected(QWEN.replace("[\"Qwen2ForCausalLM\"]", "[\"Qwen2ForCausalLM\", \"X\"]"))
        .hasMessageContaining("'architectures' must be a list of exactly one name");
  }

  @Test
  void yarnAndDynamicRopeScaling() {
    rejected(LLAMA.replace("\"rope_type\": \"llama3\"", "\"rope_type\": \"yarn\""))
        .hasMessageContaining("'rope_scaling.rope_type' yarn is not supported");
    rejected(LLAMA.replace("\"rope_type\": \"llama3\"", "\"type\": \"dynamic\""))
        .hasMessageContaining("'rope_scaling.type' dynamic is not supported");
  }

  @Test
  void llama3ScalingMissingAField() {
    rejected(LLAMA.replace("\"original_max_position_embeddings\": 8192,", ""))
        .hasMessageContaining(
            "required field 'rope_scaling.original_max_position_embeddings' is missing");
  }

  @Test
  void activationOtherThanSilu() {
    rejected(QWEN.replace("\"hidden_act\": \"silu\"", "\"hidden_act\": \"gelu\""))
        .hasMessageContaining("'hidden_act' gelu is not supported");
  }

  @Test
  void headsNotDivisibleByKeyValueHeads() {
    rejected(QWEN.replace("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 4"))
        .hasMessageContaining(
            "'num_attention_heads' 14 is not divisible by 'num_key_value_heads' 4");
  }

  @Test
  void missingRequiredFieldIsNamed() {
    rejected(QWEN.replace("\"hidden_size\": 896,", ""))
        .hasMessageContaining("required field 'hidden_size' is missing");
    rejected(QWEN.replace("\"architectures\": [\"Qwen2ForCausalLM\"],", ""))
        .hasMessageContaining("required field 'architectures' is missing");
    rejected(QWEN.replace("\"max_position_embeddings\": 32768,", ""))
        .hasMessageContaining("required field 'max_position_embeddings' is missing");
  }

  @Test
  void mistypedFieldIsNamed() {
    rejected(QWEN.replace("\"hidden_size\": 896", "\"hidden_size\": \"896\""))
        .hasMessageContaining("'hidden_size' must be an integer");
    rejected(QWEN.replace("\"eos_token_id\": 151643", "\"eos_token_id\": \"</s>\""))
        .hasMessageContaining("'eos_token_id' must be a token id or a list of token ids");
  }

  @Test
  void mlpBias() {
    rejected(LLAMA.replace("\"mlp_bias\": false", "\"mlp_bias\": true"))
        .hasMessageContaining("'mlp_bias' true is not supported");
  }

  @Test
  void qwen2WindowOnSomeLayersOnly() {
    rejected(
            QWEN.replace("\"use_sliding_window\": false", "\"use_sliding_window\": true")
                .replace("\"max_window_layers\": 24", "\"max_window_layers\": 12"))
        .hasMessageContaining("'max_window_layers' 12 windows only some layers");
  }

  @Test
  void quantizationBitsOtherThanFour() {
    rejected(withQuantization("{\"quant_method\": \"gptq\", \"bits\": 8, \"group_size\": 128}"))
        .hasMessageContaining("'quantization_config.bits' 8 is not supported");
    rejected(withQuantization("{\"quant_method\": \"awq\", \"w_bit\": 3, \"q_group_size\": 128}"))
        .hasMessageContaining("'quantization_config.w_bit' 3 is not supported");
  }

  @Test
  void gptqV2CheckpointFormat() {
    rejected(
            withQuantization(
                "{\"quant_method\": \"gptq\", \"bits\": 4, \"group_size\": 128,"
                    + " \"checkpoint_format\": \"gptq_v2\"}"))
        .hasMessageContaining("'quantization_config.checkpoint_format' gptq_v2 is not supported")
        .hasMessageContaining("minus-one");
  }

  @Test
  void awqOtherThanAsymmetricGemm() {
    rejected(
            withQuantization(
                "{\"quant_method\": \"awq\", \"bits\": 4, \"group_size\": 128, \"version\": \"gemv\"}"))
        .hasMessageContaining("'quantization_config.version' gemv is not supported");
    rejected(
            withQuantization(
                "{\"quant_method\": \"awq\", \"bits\": 4, \"group_size\": 128, \"zero_point\": false}"))
        .hasMessageContaining("'quantization_config.zero_point' false is not supported");
  }

  @Test
  void otherQuantizationMethodOrMissingGroupSize() {
    rejected(withQuantization("{\"quant_method\": \"bitsandbytes\"}"))
        .hasMessageContaining("'quantization_config.quant_method' bitsandbytes is not supported");
    rejected(withQuantization("{\"quant_method\": \"gptq\", \"bits\": 4}"))
        .hasMessageContaining("required field 'quantization_config.group_size' is missing");
  }

  @Test
  void readNamesTheFile() throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, QWEN.replace("\"hidden_act\": \"silu\"", "\"hidden_act\": \"relu\""));
    assertThatThrownBy(() -> ModelConfigs.read(file))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("'hidden_act' relu");
  }

  @Test
  void notJson() {
    rejected("{\"architectures\": [").hasMessageContaining("config is not valid JSON");
  }
}
