package io.acbench.compressor.cli;

import io.acbench.compressor.calibration.CalibrationChoice;
import io.acbench.compressor.calibration.CalibrationSet;
import io.acbench.compressor.calibration.CalibrationSource;
import io.acbench.compressor.calibration.TaskPrompts;
import io.acbench.compressor.checkpoint.ModelRepositoryEntry;
import io.acbench.compressor.pipeline.CompressionPipeline;
import io.acbench.compressor.recipe.CompressionSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code compress --model DIR --method gptq|awq|rtn|wanda|sparsegpt|magnitude [--bits 4
 * --group-size 128 --sym --act-order --ratio 0.5 --nm 2:4 --nsamples N --seqlen L --seed S]
 * [--calibration default|tasks:ID,ID|FILE] [--dataset-dir DIR --worfbench-mode parity|corrected
 * --teval-template qwen] --out DIR [--model-repository REPO --name NAME]}: the compression without
 * Kafka. Progress goes to stderr. Exit codes: 0 done, 2 bad arguments or input, 1 failure.
 */
public final class CompressCommand {

  static final String USAGE =
      "usage: compress --model DIR --method gptq|awq|rtn|wanda|sparsegpt|magnitude"
          + " [--bits 4] [--group-size 128] [--sym|--no-sym] [--act-order|--no-act-order]"
          + " [--static-groups|--no-static-groups] [--true-sequential|--no-true-sequential]"
          + " [--duo-scaling] [--percdamp 0.01] [--block-size 128] [--ratio 0.5] [--nm 2:4]"
          + " [--nsamples 128] [--seqlen 512] [--seed 0]"
          + " [--calibration default|tasks:ID,ID|FILE.txt|FILE.jsonl]"
          + " [--dataset-dir DIR] [--worfbench-mode parity|corrected] [--teval-template qwen]"
          + " --out DIR [--model-repository REPO --name NAME]";

  private static final Set<String> FLAGS =
      Set.of("sym", "act-order", "static-groups", "true-sequential", "duo-scaling");
  private static final Set<String> OWN =
      Set.of(
          "model",
          "method",
          "calibration",
          "dataset-dir",
          "worfbench-mode",
          "teval-template",
          "out",
          "model-repository",
          "name");

  private CompressCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.err));
  }

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream err) {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("compress: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      execute(options, err);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("compress: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("compress: failed: " + e);
      return 1;
    }
  }

  private static void execute(Map<String, String> o, PrintStream err) throws IOException {
    Path model = Path.of(require(o, "model"));
    Path out = Path.of(require(o, "out"));
    String method = require(o, "method");
    Map<String, String> params = new LinkedHashMap<>();
    o.forEach(
        (k, v) -> {
          if (!OWN.contains(k)) {
            params.put(k.replace('-', '_'), v);
          }
        });
    CompressionSpec spec = CompressionSpec.parse(method, params);
    CompressionPipeline.checkModelDir(model);
    if (Files.exists(out) && !isEmptyDir(out)) {
      throw new IllegalArgumentException("output directory " + out + " exists and is not empty");
    }
    CalibrationSource source =
        CalibrationChoice.resolve(
            o.get("calibration"),
            List.of(),
            () ->
                new TaskPrompts(
                    Optional.ofNullable(o.get("dataset-dir")).map(Path::of),
                    o.getOrDefault("worfbench-mode", "parity"),
                    o.getOrDefault("teval-template", "qwen"),
                    model));
    CalibrationSet calib = CompressionPipeline.calibrate(model, spec, source);
    err.printf(
        Locale.ROOT,
        "compress: %s, %d samples × %d tokens from %s (window digest %s)%n",
        spec.canonical(),
        calib.nsamples(),
        calib.seqLen(),
        calib.description(),
        calib.digest());
    long t0 = System.nanoTime();
    CompressionPipeline.compress(
        model,
        spec,
        calib,
        out,
        (done, total, eta) ->
            err.printf(
                Locale.ROOT, "compress: layer %d of %d done, ETA %.0f s%n", done, total, eta),
        null,
        resumeDir(out));
    if (o.containsKey("model-repository")) {
      Path entry =
          ModelRepositoryEntry.write(
              Path.of(o.get("model-repository")),
              require(o, "name"),
              out,
              CompressionPipeline.quantized(spec));
      err.println("compress: model-repository entry " + entry);
    }
    err.printf(Locale.ROOT, "compress: wrote %s in %.1f s%n", out, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * {@code <out>.resume} beside the output: an interrupted run's finished layers, picked up by the
   * next run with the same model, method, parameters and calibration.
   */
  static Path resumeDir(Path out) {
    Path abs = out.toAbsolutePath();
    return abs.resolveSibling(abs.getFileName() + ".resume");
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || a.length() == 2) {
        throw new IllegalArgumentException("unexpected argument '" + a + "'");
      }
      String key = a.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (FLAGS.contains(key)) {
        value = "true";
      } else if (key.startsWith("no-") && FLAGS.contains(key.substring(3))) {
        key = key.substring(3);
        value = "false";
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("option --" + key + " needs a value");
      }
      if (options.put(key, value) != null) {
        throw new IllegalArgumentException("option --" + key + " given twice");
      }
    }
    return options;
  }

  private static String require(Map<String, String> o, String key) {
    String v = o.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("option --" + key + " is required");
    }
    return v;
  }

  private static boolean isEmptyDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
