package io.acbench.compressor.bench;

import io.acbench.compressor.calibration.CalibrationSet;
import io.acbench.compressor.calibration.DefaultCorpus;
import io.acbench.compressor.pipeline.CompressionPipeline;
import io.acbench.compressor.recipe.CompressionSpec;
import io.acbench.compressor.walker.LayerWalker;
import io.acbench.compressor.walker.ProgressListener;
import io.acbench.compressor.walker.WalkReport;
import io.acbench.runtime.fixtures.FixtureModels;
import io.acbench.runtime.model.Transformer;
import io.acbench.runtime.safetensors.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Seconds per decoder layer of every method on a fixture model (not a unit test). Arguments: {@code
 * DIR [shape=0.5b] [nsamples=8] [seqlen=128] [layers=1] [methods=gptq,awq,rtn,wanda,
 * sparsegpt,magnitude] [full=rtn,magnitude]}. The first {@code layers} layers are walked per method
 * and timed; methods listed in {@code full} are also run over the whole model, checkpoint and
 * report included. Prints a Markdown table.
 */
public final class CompressionBench {

  private CompressionBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String shape = arg(args, 1, "0.5b");
    int nsamples = Integer.parseInt(arg(args, 2, "8"));
    int seqLen = Integer.parseInt(arg(args, 3, "128"));
    int layers = Integer.parseInt(arg(args, 4, "1"));
    List<String> methods =
        List.of(arg(args, 5, "gptq,awq,rtn,wanda,sparsegpt,magnitude").split(","));
    List<String> full = List.of(arg(args, 6, "rtn,magnitude").split(","));
    Path model = dir.resolve("qwen2-" + shape);
    if (!Files.exists(model.resolve("config.json"))) {
      long t0 = System.nanoTime();
      FixtureModels.write("qwen2", shape, 1, model);
      System.err.printf(Locale.ROOT, "fixture written in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
    System.out.printf(
        Locale.ROOT,
        "| method | calibration | layers timed | wall s / layer | process CPU s / layer | whole model"
            + " (%s) |%n|---|---|---|---|---|---|%n",
        shape);
    for (String method : methods) {
      CompressionSpec spec =
          CompressionSpec.parse(method, Map.of("nsamples", "" + nsamples, "seqlen", "" + seqLen));
      CalibrationSet calib = CompressionPipeline.calibrate(model, spec, DefaultCorpus.load());
      double perLayer;
      double cpuPerLayer;
      int n;
      try (Transformer t = Transformer.load(model)) {
        long cpu0 = processCpuNanos();
        n = t.layers().size();
        List<WalkReport.LayerReport> reports =
            new LayerWalker(t, calib, spec, DType.F32)
                .limitLayers(layers)
                .run(l -> {}, ProgressListener.NONE);
        perLayer =
            reports.stream().mapToDouble(WalkReport.LayerReport::seconds).average().orElse(0);
        cpuPerLayer = (processCpuNanos() - cpu0) / 1e9 / reports.size();
      }
      String whole;
      if (full.contains(method)) {
        Path out = Files.createTempDirectory(dir, method + "-");
        long t0 = System.nanoTime();
        CompressionPipeline.compress(model, spec, calib, out, ProgressListener.NONE, null);
        whole = String.format(Locale.ROOT, "%.1f s measured", (System.nanoTime() - t0) / 1e9);
      } else {
        whole =
            String.format(
                Locale.ROOT, "≈ %.0f s wall (%d × s/layer, extrapolated)", perLayer * n, n);
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %d × %d | %d | %.1f | %.1f | %s |%n",
          method,
          nsamples,
          seqLen,
          Math.min(layers, n),
          perLayer,
          cpuPerLayer,
          whole);
      System.out.flush();
    }
  }

  /**
   * CPU time of the whole process (all threads), which the shared machine's load does not inflate.
   */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String arg(String[] args, int i, String fallback) {
    return args.length > i ? args[i] : fallback;
  }
}
