package io.acbench.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acbench.contracts.grpc.inference.DataType;
import io.acbench.contracts.grpc.inference.ModelInput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configs deploy/triton ships for real Triton are read as the same two contracts here. */
class RepositoryReaderTest {

  private static final Path DEPLOY = Path.of("../deploy/triton/model_repository");

  @TempDir Path repo;

  private void copy(String from, String to, String modelJson) throws Exception {
    Files.createDirectories(repo.resolve(to).resolve("1"));
    Files.copy(
        DEPLOY.resolve(from).resolve("config.pbtxt"), repo.resolve(to).resolve("config.pbtxt"));
    Files.writeString(repo.resolve(to).resolve("1/model.json"), modelJson);
  }

  @Test
  void deployedProbeConfigIsAProbeModelWithTheDeclaredTensors() throws Exception {
    copy("acbench_probe", "probe", "{\"model\": \"../ckpt\", \"max_model_len\": 4096}");
    ModelDefinition def = new RepositoryReader(repo).read("probe");
    assertThat(def.kind()).isEqualTo(ModelKind.PROBE);
    assertThat(def.decoupled()).isFalse();
    assertThat(def.checkpoint()).isEqualTo(repo.resolve("probe/ckpt").normalize());
    assertThat(def.maxModelLen()).isEqualTo(4096);
    assertThat(def.config().getInputList())
        .extracting(ModelInput::getName)
        .containsExactly(
            "text_input",
            "input_ids",
            "input_lengths",
            "top_k",
            "return_hidden_states",
            "reference_ids");
    // the auto-completed contract equals the one shipped to Triton
    var completed =
        ModelConfigs.complete(
            def.config().toBuilder().clearInput().clearOutput().build(), ModelKind.PROBE);
    assertThat(completed.getInputList()).isEqualTo(def.config().getInputList());
    assertThat(completed.getOutputList()).isEqualTo(def.config().getOutputList());
  }

  @Test
  void deployedVllmTemplateIsAutoCompletedToTheVllmContract() throws Exception {
    copy("vllm_model_template", "gen", "{\"model\": \"/abs/ckpt\", \"max_num_seqs\": 4}");
    ModelDefinition def = new RepositoryReader(repo).read("gen");
    assertThat(def.kind()).isEqualTo(ModelKind.GENERATION);
    assertThat(def.decoupled()).isTrue();
    assertThat(def.maxNumSeqs()).isEqualTo(4);
    assertThat(def.checkpoint()).isEqualTo(Path.of("/abs/ckpt"));
    assertThat(def.config().getInput(0).getName()).isEqualTo("text_input");
    assertThat(def.config().getInput(0).getDataType()).isEqualTo(DataType.TYPE_STRING);
    assertThat(def.config().getParametersMap()).containsKey("REPORT_CUSTOM_METRICS");
  }

  @Test
  void unknownBackendsAndMissingFilesAreLoadErrors() throws Exception {
    Files.createDirectories(repo.resolve("x/1"));
    Files.writeString(repo.resolve("x/config.pbtxt"), "backend: \"onnxruntime\"\n");
    assertThatThrownBy(() -> new RepositoryReader(repo).read("x"))
        .hasMessageContaining("backend 'onnxruntime'");
    Files.writeString(repo.resolve("x/config.pbtxt"), "backend: \"vllm\"\n");
    assertThatThrownBy(() -> new RepositoryReader(repo).read("x"))
        .hasMessageContaining("no model.json");
    Files.writeString(repo.resolve("x/config.pbtxt"), "name: \"y\"\nbackend: \"vllm\"\n");
    assertThatThrownBy(() -> new RepositoryReader(repo).read("x"))
        .hasMessageContaining("names the model 'y'");
    assertThat(new RepositoryReader(repo).modelNames()).containsExactly("x");
    assertThat(RepositoryReader.isSafeName("../etc")).isFalse();
  }
}
