package io.acbench.compressor.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A Triton model-repository entry for the vLLM backend (kserve-v2-protocol §3.4, §4.1; spec §5.6):
 * {@code <repo>/<name>/config.pbtxt} with {@code backend: "vllm"} and {@code 1/model.json}, whose
 * keys are vLLM engine arguments; {@code model} is the absolute checkpoint path. Matches the {@code
 * deploy/triton/model_repository/vllm_model_template} of the inference-server contract.
 *
 * <p>{@link #writeProbe} writes the variant's probe model entry (inference-server/README.md §2):
 * {@code deploy/triton/model_repository/acbench_probe}'s {@code config.pbtxt} (packaged into this
 * module) named after the entry, its Python-backend {@code 1/model.py}, and a {@code model.json}
 * pointing at the same checkpoint.
 */
public final class ModelRepositoryEntry {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Suffix of a variant's probe model name: {@code <modelName>-probe}. */
  public static final String PROBE_SUFFIX = "-probe";

  private static final String PROBE_RESOURCES = "/triton/acbench_probe/";

  private ModelRepositoryEntry() {}

  /** The probe model name of a generation model: {@code <modelName>-probe}. */
  public static String probeName(String modelName) {
    return modelName + PROBE_SUFFIX;
  }

  /**
   * Writes (or rewrites) the probe model entry {@code <repo>/<name>} over {@code checkpoint} and
   * returns its directory.
   *
   * @param quantized adds {@code "dtype": "float16"} as for the generation entry
   */
  public static Path writeProbe(Path repository, String name, Path checkpoint, boolean quantized)
      throws IOException {
    checkName(name);
    Path dir = repository.resolve(name);
    Files.createDirectories(dir.resolve("1"));
    String config = new String(resource("config.pbtxt"), java.nio.charset.StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("config.pbtxt"), "name: \"" + name + "\"\n" + config);
    Files.write(dir.resolve("1").resolve("model.py"), resource("1/model.py"));
    writeModelJson(dir, checkpoint, quantized, false);
    return dir;
  }

  private static byte[] resource(String name) {
    try (InputStream in = ModelRepositoryEntry.class.getResourceAsStream(PROBE_RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "probe model resource " + PROBE_RESOURCES + name + " is not packaged");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "model name '" + name + "' must match " + NAME.pattern() + " (a Triton directory name)");
    }
  }

  private static void writeModelJson(
      Path dir, Path checkpoint, boolean quantized, boolean generation) throws IOException {
    ObjectNode model = JSON.createObjectNode();
    model.put("model", checkpoint.toAbsolutePath().normalize().toString());
    model.put("dtype", quantized ? "float16" : "auto");
    if (generation) {
      model.put("max_logprobs", 64);
      model.put("disable_log_stats", false);
    }
    Files.writeString(
        dir.resolve("1").resolve("model.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(model));
  }

  /**
   * Writes (or rewrites) the entry and returns its directory.
   *
   * @param quantized adds {@code "dtype": "float16"}, which the non-Marlin GPTQ/AWQ kernels need
   */
  public static Path write(Path repository, String name, Path checkpoint, boolean quantized)
      throws IOException {
    checkName(name);
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
    writeModelJson(dir, checkpoint, quantized, true);
    return dir;
  }
}
