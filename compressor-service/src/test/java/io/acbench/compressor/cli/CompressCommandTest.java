package io.acbench.compressor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acbench.compressor.cache.ArtifactCache;
import io.acbench.compressor.cache.Digests;
import io.acbench.compressor.recipe.CompressionSpec;
import io.acbench.runtime.fixtures.FixtureModels;
import io.acbench.runtime.model.Transformer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressCommandTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return CompressCommand.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void compressesWithACalibrationFileAndWritesARepositoryEntry() throws Exception {
    Path model = tmp.resolve("m");
    FixtureModels.write("llama", "tiny", 2, model);
    Path calib = tmp.resolve("calib.txt");
    Files.writeString(
        calib,
        ("The quick brown fox jumps over the lazy dog while the cat watches from the wall. "
                    .repeat(6)
                + "\n\n")
            .repeat(4));
    Path out = tmp.resolve("out");
    int code =
        run(
            "--model",
            model.toString(),
            "--method",
            "rtn",
            "--bits",
            "4",
            "--group-size",
            "32",
            "--no-sym",
            "--nsamples",
            "3",
            "--seqlen",
            "16",
            "--seed",
            "9",
            "--calibration",
            calib.toString(),
            "--out",
            out.toString(),
            "--model-repository",
            tmp.resolve("repo").toString(),
            "--name",
            "tiny-rtn");
    assertThat(code).as(stderr()).isZero();
    assertThat(stderr()).contains("layer 2 of 2 done").contains("file calib.txt");
    assertThat(Files.readString(out.resolve("config.json"))).contains("\"awq\"");
    assertThat(Files.readString(tmp.resolve("repo/tiny-rtn/1/model.json")))
        .contains(out.toAbsolutePath().toString());
    try (Transformer t = Transformer.load(out)) {
      assertThat(t.forward(new int[] {3, 4, 5})).hasSize(3 * t.config().vocabSize());
    }
  }

  @Test
  void calibratesOnTaskPromptsAndGetsAnotherCacheKeyThanTheDefaultCorpus() throws Exception {
    Path model = tmp.resolve("m");
    FixtureModels.write("qwen2", "tiny", 4, model);
    String[] recipe = {"--method", "rtn", "--nsamples", "3", "--seqlen", "16", "--seed", "0"};
    Path fromTasks = tmp.resolve("tasks-out");
    int code =
        run(
            concat(
                recipe,
                "--model",
                model.toString(),
                "--calibration",
                "tasks:teval/plan_str",
                "--out",
                fromTasks.toString()));
    assertThat(code).as(stderr()).isZero();
    Path fromCorpus = tmp.resolve("default-out");
    code = run(concat(recipe, "--model", model.toString(), "--out", fromCorpus.toString()));
    assertThat(code).as(stderr()).isZero();

    JsonNode tasks = calibrationRecord(fromTasks);
    JsonNode corpus = calibrationRecord(fromCorpus);
    assertThat(tasks.get("source").asText())
        .startsWith("prompts of tasks teval/plan_str (")
        .contains("WorfBench parity, T-Eval qwen");
    assertThat(corpus.get("source").asText()).isEqualTo("default corpus");
    assertThat(stderr()).contains("from prompts of tasks teval/plan_str");
    String base = Digests.model(model);
    String canonical =
        CompressionSpec.parse("rtn", Map.of("nsamples", "3", "seqlen", "16", "seed", "0"))
            .canonical();
    String tasksKey = ArtifactCache.variantId(base, canonical, tasks.get("digest").asText());
    String corpusKey = ArtifactCache.variantId(base, canonical, corpus.get("digest").asText());
    assertThat(tasksKey).isNotEqualTo(corpusKey);
  }

  @Test
  void taskCalibrationErrorsNameTheTask() throws Exception {
    Path model = tmp.resolve("m");
    FixtureModels.write("qwen2", "tiny", 4, model);
    assertThat(
            run(
                "--model",
                model.toString(),
                "--method",
                "rtn",
                "--calibration",
                "tasks:teval/plan_str,teval/nope",
                "--out",
                tmp.resolve("o").toString()))
        .isEqualTo(2);
    assertThat(stderr()).contains("calibration task 'teval/nope': unknown T-Eval task");
    assertThat(
            run(
                "--model",
                model.toString(),
                "--method",
                "rtn",
                "--calibration",
                "tasks",
                "--out",
                tmp.resolve("o").toString()))
        .isEqualTo(2);
    assertThat(stderr()).contains("name them: tasks:<id>,<id>");
  }

  private static JsonNode calibrationRecord(Path out) throws Exception {
    return new ObjectMapper()
        .readTree(out.resolve("compression-report.json").toFile())
        .get("calibration");
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  @Test
  void badArgumentsAndInputsExitWithCodeTwoAndAClearMessage() throws Exception {
    assertThat(run("--model")).isEqualTo(2);
    assertThat(stderr()).contains("option --model needs a value").contains("usage: compress");

    assertThat(
            run(
                "--model",
                tmp.resolve("missing").toString(),
                "--method",
                "gptq",
                "--out",
                tmp.resolve("o").toString()))
        .isEqualTo(2);
    assertThat(stderr()).contains("missing does not exist");

    Path model = tmp.resolve("m");
    FixtureModels.write("qwen2", "tiny", 2, model);
    assertThat(run("--model", model.toString(), "--method", "quip", "--out", "x")).isEqualTo(2);
    assertThat(stderr()).contains("method 'quip' is not supported");

    assertThat(run("--model", model.toString(), "--method", "wanda", "--bits", "4", "--out", "x"))
        .isEqualTo(2);
    assertThat(stderr()).contains("parameter 'bits' is not supported for method wanda");

    Path bad = tmp.resolve("bad.jsonl");
    Files.writeString(bad, "not json\n");
    assertThat(
            run(
                "--model",
                model.toString(),
                "--method",
                "awq",
                "--calibration",
                bad.toString(),
                "--out",
                tmp.resolve("o2").toString()))
        .isEqualTo(2);
    assertThat(stderr()).contains("bad.jsonl line 1: not valid JSON");

    assertThat(run("--model", model.toString(), "--method", "gptq")).isEqualTo(2);
    assertThat(stderr()).contains("option --out is required");
  }
}
