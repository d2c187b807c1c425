package io.acbench.inference.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.TextFormat;
import io.acbench.contracts.grpc.inference.DataType;
import io.acbench.contracts.grpc.inference.ModelConfig;
import io.acbench.contracts.grpc.inference.ModelInput;
import io.acbench.contracts.grpc.inference.ModelOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The real-Triton model repository in {@code deploy/triton} parses as {@code inference.ModelConfig}
 * text format, and the probe model declares exactly the tensors the client sends and reads.
 */
class DeployTritonFilesTest {

  private static final Path REPO = Path.of("..", "deploy", "triton", "model_repository");

  private static ModelConfig parse(String model) throws Exception {
    ModelConfig.Builder b = ModelConfig.newBuilder();
    TextFormat.getParser().merge(Files.readString(REPO.resolve(model).resolve("config.pbtxt")), b);
    return b.build();
  }

  private static JsonNode modelJson(String model) throws Exception {
    return new ObjectMapper()
        .readTree(REPO.resolve(model).resolve("1").resolve("model.json").toFile());
  }

  @Test
  void vllmTemplateIsAVllmBackendModelWithAPlaceholderPath() throws Exception {
    ModelConfig c = parse("vllm_model_template");
    assertThat(c.getBackend()).isEqualTo("vllm");
    assertThat(c.getInstanceGroup(0).getKind().name()).isEqualTo("KIND_MODEL");
    JsonNode json = modelJson("vllm_model_template");
    assertThat(json.get("model").asText()).isEqualTo("${MODEL_PATH}");
    assertThat(json.get("max_logprobs").asInt()).isGreaterThanOrEqualTo(ProbeContract.MAX_TOP_K);
  }

  @Test
  void probeModelDeclaresTheProbeContract() throws Exception {
    ModelConfig c = parse("acbench_probe");
    assertThat(c.getBackend()).isEqualTo("python");
    assertThat(c.getMaxBatchSize()).isZero();
    assertThat(c.getModelTransactionPolicy().getDecoupled()).isFalse();
    assertThat(c.getParametersMap().get(ProbeContract.KIND_PARAMETER).getStringValue())
        .isEqualTo(ProbeContract.KIND_PROBE);
    Map<String, ModelInput> in =
        c.getInputList().stream().collect(Collectors.toMap(ModelInput::getName, i -> i));
    assertThat(in)
        .containsOnlyKeys(
            ProbeContract.TEXT_INPUT,
            ProbeContract.INPUT_IDS,
            ProbeContract.INPUT_LENGTHS,
            ProbeContract.TOP_K,
            ProbeContract.RETURN_HIDDEN_STATES,
            ProbeContract.REFERENCE_IDS);
    assertThat(in.get(ProbeContract.REFERENCE_IDS).getDataType()).isEqualTo(DataType.TYPE_INT64);
    assertThat(in.get(ProbeContract.REFERENCE_IDS).getDimsList()).containsExactly(-1L, -1L, -1L);
    assertThat(in.values()).allSatisfy(i -> assertThat(i.getOptional()).isTrue());
    assertThat(in.get(ProbeContract.TEXT_INPUT).getDataType()).isEqualTo(DataType.TYPE_STRING);
    assertThat(in.get(ProbeContract.INPUT_IDS).getDataType()).isEqualTo(DataType.TYPE_INT64);
    assertThat(in.get(ProbeContract.INPUT_IDS).getDimsList()).containsExactly(-1L, -1L);
    assertThat(in.get(ProbeContract.INPUT_LENGTHS).getDataType()).isEqualTo(DataType.TYPE_INT64);
    assertThat(in.get(ProbeContract.TOP_K).getDataType()).isEqualTo(DataType.TYPE_INT32);
    assertThat(in.get(ProbeContract.RETURN_HIDDEN_STATES).getDataType())
        .isEqualTo(DataType.TYPE_BOOL);
    Map<String, ModelOutput> out =
        c.getOutputList().stream().collect(Collectors.toMap(ModelOutput::getName, o -> o));
    assertThat(out.get(ProbeContract.NUM_TOKENS).getDataType()).isEqualTo(DataType.TYPE_INT64);
    assertThat(out.get(ProbeContract.LOGSUMEXP).getDataType()).isEqualTo(DataType.TYPE_FP32);
    assertThat(out.get(ProbeContract.LOGSUMEXP).getDimsCount()).isEqualTo(2);
    assertThat(out.get(ProbeContract.TOPK_IDS).getDataType()).isEqualTo(DataType.TYPE_INT64);
    assertThat(out.get(ProbeContract.TOPK_LOGITS).getDataType()).isEqualTo(DataType.TYPE_FP32);
    assertThat(out.get(ProbeContract.GRAM).getDataType()).isEqualTo(DataType.TYPE_FP64);
    assertThat(out.get(ProbeContract.HIDDEN_STATES).getDataType()).isEqualTo(DataType.TYPE_FP32);
    assertThat(out.get(ProbeContract.REFERENCE_LOGITS).getDataType()).isEqualTo(DataType.TYPE_FP32);
    assertThat(out.get(ProbeContract.REFERENCE_LOGITS).getDimsCount()).isEqualTo(3);
    assertThat(out).hasSize(7);
    assertThat(modelJson("acbench_probe").get("model").asText()).isEqualTo("${MODEL_PATH}");
    assertThat(Files.exists(REPO.resolve("acbench_probe/1/model.py"))).isTrue();
  }
}
