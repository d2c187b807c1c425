package io.acbench.compressor.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.TextFormat;
import io.acbench.contracts.grpc.inference.ModelConfig;
import io.acbench.contracts.grpc.inference.ModelInstanceGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryEntryTest {

  @TempDir Path tmp;

  @Test
  void configPbtxtParsesAsATritonModelConfigForTheVllmBackend() throws Exception {
    Path checkpoint = tmp.resolve("ckpt");
    Path entry = ModelRepositoryEntry.write(tmp.resolve("repo"), "gptq-0123abcd", checkpoint, true);

    ModelConfig.Builder config = ModelConfig.newBuilder();
    TextFormat.getParser().merge(Files.readString(entry.resolve("config.pbtxt")), config);
    assertThat(config.getName()).isEqualTo("gptq-0123abcd");
    assertThat(config.getBackend()).isEqualTo("vllm");
    assertThat(config.getModelTransactionPolicy().getDecoupled()).isTrue();
    assertThat(config.getInstanceGroup(0).getKind()).isEqualTo(ModelInstanceGroup.Kind.KIND_MODEL);
    assertThat(config.getParametersMap().get("REPORT_CUSTOM_METRICS").getStringValue())
        .isEqualTo("true");

    JsonNode model = new ObjectMapper().readTree(entry.resolve("1/model.json").toFile());
    assertThat(model.get("model").asText()).isEqualTo(checkpoint.toAbsolutePath().toString());
    assertThat(model.get("dtype").asText()).isEqualTo("float16");
    assertThat(model.get("disable_log_stats").asBoolean()).isFalse();
  }

  @Test
  void probeEntryIsTheShippedProbeModelNamedAfterTheVariantOverTheSameCheckpoint()
      throws Exception {
    Path checkpoint = tmp.resolve("ckpt");
    Path deploy = Path.of("../deploy/triton/model_repository/acbench_probe");
    String name = ModelRepositoryEntry.probeName("rtn-0123abcd");
    Path entry = ModelRepositoryEntry.writeProbe(tmp.resolve("repo"), name, checkpoint, false);

    assertThat(entry).isEqualTo(tmp.resolve("repo").resolve("rtn-0123abcd-probe"));
    ModelConfig.Builder config = ModelConfig.newBuilder();
    TextFormat.getParser().merge(Files.readString(entry.resolve("config.pbtxt")), config);
    ModelConfig.Builder shipped = ModelConfig.newBuilder();
    TextFormat.getParser().merge(Files.readString(deploy.resolve("config.pbtxt")), shipped);
    assertThat(config.getName()).isEqualTo("rtn-0123abcd-probe");
    assertThat(config.getBackend()).isEqualTo("python");
    assertThat(config.getParametersMap().get("acbench_kind").getStringValue()).isEqualTo("probe");
    assertThat(config.clearName().build()).isEqualTo(shipped.build());
    assertThat(config.getInputList()).extracting(i -> i.getName()).contains("reference_ids");
    assertThat(Files.readAllBytes(entry.resolve("1/model.py")))
        .isEqualTo(Files.readAllBytes(deploy.resolve("1/model.py")));
    JsonNode model = new ObjectMapper().readTree(entry.resolve("1/model.json").toFile());
    assertThat(model.get("model").asText()).isEqualTo(checkpoint.toAbsolutePath().toString());
    assertThat(model.get("dtype").asText()).isEqualTo("auto");
  }

  @Test
  void namesThatAreNotDirectoryNamesAreRejected() {
    assertThatThrownBy(() -> ModelRepositoryEntry.write(tmp, "../evil", tmp, false))
        .hasMessageContaining("model name '../evil'");
  }
}
