package io.acbench.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.acbench.runtime.model.Projection;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.safetensors.TensorStore;
import io.acbench.runtime.safetensors.TensorStores;
import io.acbench.runtime.tokenizer.Tokenizer;
import io.acbench.runtime.weights.GptqInt4Weight;
import io.acbench.runtime.weights.LinearWeight;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmRuntimeCliTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    return LlmRuntimeCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Path makeModel(String family, String dtype) {
    Path model = dir.resolve(family + "-" + dtype);
    int status =
        run(
            "make-model",
            "--family",
            family,
            "--shape",
            "tiny",
            "--seed",
            "5",
            "--out",
            model.toString(),
            "--dtype",
            dtype);
    assertThat(status).as(err.toString()).isZero();
    return model;
  }

  @Test
  void logitsFileFollowsTheDocumentedLayout() throws IOException {
    Path model = makeModel("qwen2", "f32");
    Path file = dir.resolve("logits.bin");

    assertThat(
            run(
                "logits",
                "--model",
                model.toString(),
                "--text",
                "Hello there",
                "--out",
                file.toString()))
        .isZero();

    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[4];
    b.get(magic);
    assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("ACBL");
    assertThat(b.getInt()).isEqualTo(1);
    int positions = b.getInt();
    int vocab = b.getInt();
    int[] ids = new int[positions];
    for (int p = 0; p < positions; p++) {
      ids[p] = b.getInt();
    }
    try (Tokenizer tokenizer = Tokenizer.load(model);
        Transformer transformer = Transformer.load(model)) {
      assertThat(ids).containsExactly(tokenizer.encode("Hello there", true));
      assertThat(vocab).isEqualTo(transformer.config().vocabSize());
      float[] expected = transformer.forward(ids);
      assertThat(b.remaining()).isEqualTo(4 * expected.length);
      // Not bit-exact: the Vector API leaves the order of a float ADD reduction unspecified, and
      // its interpreted fallback and its JIT intrinsic sum in different orders, so the same forward
      // can differ in the last bit depending on what the JIT has compiled by then.
      for (float e : expected) {
        assertThat(b.getFloat()).isCloseTo(e, within(1e-5f * Math.max(1f, Math.abs(e))));
      }
    }
    assertThat(out.toString()).contains("float32[P][V] logits");
  }

  @Test
  void gptqModelHoldsTheRoundToNearestGridOfTheDenseFixture() {
    Path dense = makeModel("llama", "f32");
    Path gptq = makeModel("llama", "gptq-int4");
    String name = "model.layers.1.mlp.down_proj";

    try (TensorStore store = TensorStores.open(dense);
        Transformer model = Transformer.load(gptq)) {
      LinearWeight w = model.layer(1).linear(Projection.DOWN_PROJ);
      assertThat(w).isInstanceOf(GptqInt4Weight.class);
      float[] original = store.readFloats(name + ".weight"); // (out, in)
      float[] grid = w.dequantize();
      int in = w.inFeatures();
      for (int n = 0; n < w.outFeatures(); n++) {
        for (int g = 0; g * 128 < in; g++) {
          float absMax = 0;
          for (int k = g * 128; k < Math.min(in, g * 128 + 128); k++) {
            absMax = Math.max(absMax, Math.abs(original[n * in + k]));
          }
          float step = 2 * absMax / 15;
          for (int k = g * 128; k < Math.min(in, g * 128 + 128); k++) {
            float err = Math.abs(grid[n * in + k] - original[n * in + k]);
            // half a step; the F16-rounded scale (relative error 2^-11) can stretch the
            // clamped extreme code 7 · scale by up to 7 · 2^-11 of a step
            assertThat(err).isLessThanOrEqualTo(step * (0.5f + 7f / 2048) + 1e-7f);
          }
        }
      }
      assertThat(model.config().quantization().quantMethod()).isEqualTo("gptq");
      assertThat(model.config().quantization().groupSize()).isEqualTo(128);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(gptq.resolve("quantize_config.json")).exists();
    assertThat(run("generate", "--model", gptq.toString(), "--prompt", "hi", "--max-tokens", "3"))
        .isZero();
  }

  @Test
  void generateStreamsTextAndReportsTheFinishReason() {
    Path model = makeModel("mistral", "bf16");

    int status =
        run(
            "generate",
            "--model",
            model.toString(),
            "--prompt",
            "Once upon",
            "--max-tokens",
            "5",
            "--temperature",
            "0.7",
            "--seed",
            "4",
            "--chat");

    assertThat(status).as(err.toString()).isZero();
    assertThat(err.toString()).contains("generated 5 tokens").contains("finish_reason length");
  }

  @Test
  void benchPrintsOneRowPerBatchNextToTheBandwidth() {
    Path model = makeModel("qwen2", "f32");

    int status =
        run(
            "bench",
            "--model",
            model.toString(),
            "--batch",
            "1,3",
            "--prompt-tokens",
            "8",
            "--decode-tokens",
            "2",
            "--bandwidth-mib",
            "16");

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("memory bandwidth")
        .containsPattern("\\n\\| 1 \\| [0-9.]+ \\| [0-9.]+ \\|")
        .containsPattern("\\n\\| 3 \\| [0-9.]+ \\| [0-9.]+ \\|");
  }

  @Test
  void usageErrorsExitWithTwoAndSayWhatIsWrong() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("usage: llm-runtime");

    assertThat(run("train")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown command 'train'");

    assertThat(run("generate", "--model", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("--prompt is required");

    assertThat(run("make-model", "--family", "gpt2", "--shape", "tiny")).isEqualTo(2);
    assertThat(err.toString()).contains("--family must be one of qwen2|llama|mistral");

    assertThat(run("bench", "--model", "x", "--batch", "1,zero")).isEqualTo(2);
    assertThat(err.toString()).contains("--batch must be positive integers");

    assertThat(run("logits", "--model", "x", "--txt", "a")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown option '--txt'");
  }

  @Test
  void missingModelDirectoryIsAnErrorNotAUsageError() {
    assertThat(run("generate", "--model", dir.resolve("none").toString(), "--prompt", "x"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("none");
  }
}
