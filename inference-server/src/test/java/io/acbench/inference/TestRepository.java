package io.acbench.inference;

import io.acbench.runtime.fixtures.FixtureModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the tiny qwen2 fixture checkpoint and a Triton-layout repository over it into the
 * repository the %test profile serves ({@code target/test-model-repository}).
 */
public final class TestRepository {

  public static final Path REPOSITORY = Path.of("target/test-model-repository");
  public static final Path CHECKPOINT = Path.of("target/test-fixtures/tiny-qwen2");
  public static final long SEED = 7;

  private static boolean written;

  private TestRepository() {}

  public static synchronized void write() throws IOException {
    if (written) {
      return;
    }
    if (!Files.exists(CHECKPOINT.resolve("config.json"))) {
      FixtureModels.write("qwen2", "tiny", SEED, CHECKPOINT);
    }
    String vllm = "backend: \"vllm\"\ninstance_group [ { count: 1, kind: KIND_MODEL } ]\n";
    model("tiny-gen", vllm, "{\"model\": \"../../../test-fixtures/tiny-qwen2\"}");
    model("tiny-gen-b", vllm, "{\"model\": \"../../../test-fixtures/tiny-qwen2\"}");
    model(
        "tiny-gen-q",
        vllm + "parameters { key: \"acbench_max_queue_size\" value: { string_value: \"0\" } }\n",
        "{\"model\": \"../../../test-fixtures/tiny-qwen2\", \"max_num_seqs\": 1}");
    model(
        "tiny-probe",
        "name: \"tiny-probe\"\nbackend: \"python\"\nmax_batch_size: 0\n"
            + "instance_group [ { count: 1, kind: KIND_CPU } ]\n"
            + "parameters { key: \"acbench_kind\" value: { string_value: \"probe\" } }\n",
        "{\"model\": \"../../../test-fixtures/tiny-qwen2\"}");
    model("broken", vllm, "{\"model\": \"../../../test-fixtures/missing\"}");
    written = true;
  }

  private static void model(String name, String pbtxt, String modelJson) throws IOException {
    Path dir = REPOSITORY.resolve(name);
    Files.createDirectories(dir.resolve("1"));
    Files.writeString(dir.resolve("config.pbtxt"), pbtxt);
    Files.writeString(dir.resolve("1/model.json"), modelJson);
  }
}
