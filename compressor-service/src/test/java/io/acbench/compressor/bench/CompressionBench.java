package io.acbench.compressor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * DIR [shape=0.5b] [nsamples=128] [seqlen=512] [layers=1] [methods=gptq,awq,rtn,wanda,
 * sparsegpt,magnitude] [full=none]}. First, per method, the first {@code layers} layers are walked
 * and timed (wall and process CPU seconds, the part spent compressing the linears, peak heap, load
 * average before and after); then the methods listed in {@code full}, in that order, are run over
 * the whole model, checkpoint and report included, and only that measured time is reported
 * (progress per layer goes to stderr). {@code methods=none} skips the per-layer part. Whole-model
 * runs write {@code DIR/<method>-whole} and save their progress in {@code
 * DIR/<method>-whole.resume}: a run that is killed (a session ending) goes on from its last
 * finished layer when the same command runs again, and the time reported is the walk seconds the
 * earlier segments saved plus this segment's wall time (the layer that was cut short is not
 * counted). Prints two Markdown tables, a row as soon as it is measured.
 */
public final class CompressionBench {

  private CompressionBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String shape = arg(args, 1, "0.5b");
    int nsamples = Integer.parseInt(arg(args, 2, "128"));
    int seqLen = Integer.parseInt(arg(args, 3, "512"));
    int layers = Integer.parseInt(arg(args, 4, "1"));
    List<String> methods =
        List.of(arg(args, 5, "gptq,awq,rtn,wanda,sparsegpt,magnitude").split(",")).stream()
            .filter(m -> !m.equals("none"))
            .toList();
    List<String> full = List.of(arg(args, 6, "none").split(","));
    Path model = dir.resolve("qwen2-" + shape);
    if (!Files.exists(model.resolve("config.json"))) {
      long t0 = System.nanoTime();
      FixtureModels.write("qwen2", shape, 1, model);
      System.err.printf(Locale.ROOT, "fixture written in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
    System.out.printf(
        Locale.ROOT,
        "threads %d%n%n| method | calibration | layers timed | wall s / layer | process CPU s / layer"
            + " | compressing linears s / layer | peak heap GiB | load avg before → after"
            + " |%n|---|---|---|---|---|---|---|---|%n",
        Runtime.getRuntime().availableProcessors());
    Map<String, CalibrationSet> calibrations = new java.util.LinkedHashMap<>();
    Map<String, CompressionSpec> specs = new java.util.LinkedHashMap<>();
    for (String method : methods) {
      CompressionSpec spec =
          CompressionSpec.parse(method, Map.of("nsamples", "" + nsamples, "seqlen", "" + seqLen));
      CalibrationSet calib = CompressionPipeline.calibrate(model, spec, DefaultCorpus.load());
      specs.put(method, spec);
      calibrations.put(method, calib);
      double perLayer;
      double cpuPerLayer;
      double compressPerLayer;
      int n;
      double load0 = loadAverage();
      resetPeakHeap();
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
        compressPerLayer =
            reports.stream()
                    .flatMap(r -> r.linears().stream())
                    .mapToDouble(WalkReport.LinearReport::seconds)
                    .sum()
                / reports.size();
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %d × %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f → %.1f |%n",
          method,
          nsamples,
          seqLen,
          Math.min(layers, n),
          perLayer,
          cpuPerLayer,
          compressPerLayer,
          peakHeapGiB(),
          load0,
          loadAverage());
      System.out.flush();
    }
    if (full.equals(List.of("none"))) {
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "%n| method | whole model (%s) wall s | process CPU s (last segment) | load avg before →"
            + " after (last segment) | segments |%n|---|---:|---:|---|---|%n",
        shape);
    for (String method : full) {
      CompressionSpec spec =
          specs.containsKey(method)
              ? specs.get(method)
              : CompressionSpec.parse(
                  method, Map.of("nsamples", "" + nsamples, "seqlen", "" + seqLen));
      CalibrationSet calib =
          calibrations.containsKey(method)
              ? calibrations.get(method)
              : CompressionPipeline.calibrate(model, spec, DefaultCorpus.load());
      Path out = dir.resolve(method + "-whole");
      Path resumeDir = dir.resolve(method + "-whole.resume");
      deleteRecursively(out); // a finished earlier run; unfinished ones live in resumeDir
      JsonNode saved =
          Files.isRegularFile(resumeDir.resolve("walk.json"))
              ? new ObjectMapper().readTree(resumeDir.resolve("walk.json").toFile())
              : null;
      double earlier = saved == null ? 0 : saved.get("walkSeconds").asDouble();
      int segments = saved == null ? 1 : saved.get("segments").asInt() + 1;
      String resumed =
          saved == null ? "" : ", resumed after layer " + saved.get("layersDone").asInt();
      double load0 = loadAverage();
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      CompressionPipeline.compress(
          model,
          spec,
          calib,
          out,
          (done, total, eta) ->
              System.err.printf(
                  Locale.ROOT,
                  "%s whole model: layer %d of %d after %.1f s (this segment %.1f s), ETA %.0f s,"
                      + " load avg %.1f%n",
                  method,
                  done,
                  total,
                  earlier + (System.nanoTime() - t0) / 1e9,
                  (System.nanoTime() - t0) / 1e9,
                  eta,
                  loadAverage()),
          null,
          resumeDir);
      System.out.printf(
          Locale.ROOT,
          "| %s | %.1f | %.1f | %.1f → %.1f | %d%s |%n",
          method,
          earlier + (System.nanoTime() - t0) / 1e9,
          (processCpuNanos() - cpu0) / 1e9,
          load0,
          loadAverage(),
          segments,
          resumed);
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

  static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void resetPeakHeap() {
    System.gc();
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peak usage since the last reset (an upper bound of the live peak). */
  private static double peakHeapGiB() {
    long sum = 0;
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / (double) (1L << 30);
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String arg(String[] args, int i, String fallback) {
    return args.length > i ? args[i] : fallback;
  }
}
