package io.acbench.compressor.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A Triton model-repository entry for the vLLM backend (kserve-v2-protocol §3.4, §4.1; spec §5.6):
 * {@code <repo>/<name>/config.pbtxt} with {@code backend: "vllm"} and {@code 1/model.json}, whose
 * keys are vLLM engine arguments; {@code model} is the absolute checkpoint path. Matches the {@code
 * deploy/triton/model_repository/vllm_model_template} of the inference-server contract.
 */
public final class ModelRepositoryEntry {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelRepositoryEntry() {}

  /**
   * Writes (or rewrites) the entry and returns its directory.
   *
   * @param quantized adds {@code "dtype": "float16"}, which the non-Marlin GPTQ/AWQ kernels need
   */
  public static Path write(Path repository, String name, Path checkpoint, boolean quantized)
      throws IOException {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "model name '" + name + "' must match " + NAME.pattern() + " (a Triton directory name)");
    }
    Path dir = repository.resolve(name);
    Files.createDirectories(dir.resolve("1"));
    String pbtxt =
        "name: \""
            + name
            + "\"\n"
            + "backend: \"vllm\"\n"
            + "max_batch_size: 0\n"
            + "model_transaction_policy {\n  decoupled: true\n}\n"
            + "instance_group [\n  {\n    count: 1\n    kind: KIND_MODEL\n  }\n]\n"
            + "parameters: {\n  key: \"REPORT_CUSTOM_METRICS\"\n"
            + "  value: { string_value: \"true\" }\n}\n";
    Files.writeString(dir.resolve("config.pbtxt"), pbtxt);
    ObjectNode model = JSON.createObjectNode();
    model.put("model", checkpoint.toAbsolutePath().normalize().toString());
    model.put("dtype", quantized ? "float16" : "auto");
    model.put("max_logprobs", 64);
    model.put("disable_log_stats", false);
    Files.writeString(
        dir.resolve("1").resolve("model.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(model));
    return dir;
  }
}
