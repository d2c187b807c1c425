package io.acbench.metrics.report;

import io.acbench.contracts.probe.ProbeReductions;
import io.acbench.contracts.probe.ProbeResult;
import io.acbench.contracts.probe.ProbeSequence;
import io.acbench.metrics.analysis.ERank;
import io.acbench.metrics.analysis.Energy;
import io.acbench.metrics.analysis.Histogram;
import io.acbench.metrics.analysis.KlDivergence;
import io.acbench.metrics.analysis.TopKCorrelation;
import io.acbench.metrics.statistics.Bootstrap;
import io.acbench.metrics.statistics.BootstrapSpec;
import io.acbench.metrics.statistics.Capabilities;
import io.acbench.metrics.statistics.Change;
import io.acbench.metrics.statistics.MeanCi;
import io.acbench.metrics.statistics.PairedComparison;
import io.acbench.metrics.statistics.Quantiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded synthetic evaluation run through the real statistics and analysis code: per-sample
 * pass/fail scores, a needle grid and probe logits for a base and three variants. Its {@link #main}
 * writes the example report under {@code docs/}.
 */
final class SyntheticResults {

  static final List<ReportModel.Variant> VARIANTS =
      List.of(
          new ReportModel.Variant("base", "base (fp32)", true),
          new ReportModel.Variant("gptq-w4", "GPTQ W4 g128", false),
          new ReportModel.Variant("awq-w4", "AWQ W4 g128", false),
          new ReportModel.Variant("wanda-24", "Wanda 2:4", false));
  private static final double[] DEGRADE = {0, 0.03, 0.04, 0.15};
  private static final List<String> TASKS =
      List.of(
          "teval/plan",
          "teval/reason",
          "worfbench/os",
          "worfbench/alfworld",
          "longbench/qasper",
          "longgenbench/gsm8k",
          "agentboard/alfworld",
          "agentboard/pddl");

  private SyntheticResults() {}

  static ReportModel model(long seed) {
    Random rnd = new Random(seed);
    List<ReportModel.TaskScore> taskScores = new ArrayList<>();
    List<Map<String, Double>> taskMeans = new ArrayList<>();
    for (int v = 0; v < VARIANTS.size(); v++) {
      taskMeans.add(new LinkedHashMap<>());
    }
    for (String task : TASKS) {
      double p = 0.45 + 0.4 * rnd.nextDouble();
      Map<String, Double> base = samples(new Random(rnd.nextLong()), p, 80);
      long variantSeed = rnd.nextLong();
      for (int v = 0; v < VARIANTS.size(); v++) {
        Map<String, Double> scores =
            v == 0 ? base : degrade(base, new Random(variantSeed + v), DEGRADE[v]);
        double[] arr = scores.values().stream().mapToDouble(Double::doubleValue).toArray();
        MeanCi ci = Bootstrap.meanCi(arr, BootstrapSpec.DEFAULT);
        taskMeans.get(v).put(task, ci.mean());
        ReportModel.Score score;
        Integer cw = null;
        Integer wc = null;
        if (v == 0) {
          score = new ReportModel.Score(ci.mean(), ci.low(), ci.high(), null, null, null, null);
        } else {
          PairedComparison pc = PairedComparison.compare(base, scores, BootstrapSpec.DEFAULT, 0.5);
          Change ch =
              Change.of(
                  Quantiles.mean(base.values().stream().mapToDouble(Double::doubleValue).toArray()),
                  ci.mean());
          score =
              new ReportModel.Score(
                  ci.mean(),
                  ci.low(),
                  ci.high(),
                  ch.absolute(),
                  ch.relative(),
                  pc.pValue(),
                  pc.test());
          cw = pc.correctToWrong();
          wc = pc.wrongToCorrect();
        }
        taskScores.add(
            new ReportModel.TaskScore(
                VARIANTS.get(v).id(),
                task,
                Capabilities.capabilityOf(task),
                score,
                arr.length,
                cw,
                wc));
      }
    }
    List<ReportModel.CapabilityScore> caps = new ArrayList<>();
    Map<String, Double> baseCaps = Capabilities.scores(taskMeans.get(0));
    for (int v = 0; v < VARIANTS.size(); v++) {
      Map<String, Double> c = Capabilities.scores(taskMeans.get(v));
      for (Map.Entry<String, Double> e : c.entrySet()) {
        Change ch = Change.of(baseCaps.get(e.getKey()), e.getValue());
        caps.add(
            new ReportModel.CapabilityScore(
                VARIANTS.get(v).id(),
                e.getKey(),
                v == 0
                    ? ReportModel.Score.plain(e.getValue())
                    : new ReportModel.Score(
                        e.getValue(), null, null, ch.absolute(), ch.relative(), null, null)));
      }
    }
    List<ReportModel.NeedleGrid> needles = new ArrayList<>();
    for (int v = 0; v < VARIANTS.size(); v++) {
      needles.add(needle(VARIANTS.get(v).id(), new Random(seed + 100 + v), DEGRADE[v]));
    }
    ProbeSet probes = probes(new Random(seed + 7));
    return new ReportModel(
        "ACBench report — SYNTHETIC example data (not a real evaluation)",
        "synthetic-" + seed,
        "synthetic tiny model (no real weights)",
        VARIANTS,
        taskScores,
        caps,
        needles,
        probes.energy,
        probes.curves,
        probes.eranks,
        List.of(
            "All numbers on this page come from seeded synthetic data, not from a model.",
            "KL is the divergence of the distributions coarsened to the base's top-20 tokens plus 'other' (a lower bound)."));
  }

  private static Map<String, Double> samples(Random rnd, double p, int n) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(String.format("s%03d", i), rnd.nextDouble() < p ? 1.0 : 0.0);
    }
    return out;
  }

  private static Map<String, Double> degrade(Map<String, Double> base, Random rnd, double drop) {
    Map<String, Double> out = new LinkedHashMap<>();
    base.forEach(
        (k, v) -> {
          double r = rnd.nextDouble();
          out.put(k, v == 1.0 ? (r < drop * 2 ? 0.0 : 1.0) : (r < 0.05 ? 1.0 : 0.0));
        });
    return out;
  }

  private static ReportModel.NeedleGrid needle(String variant, Random rnd, double drop) {
    int[] lengths = new int[40];
    for (int i = 0; i < 40; i++) {
      lengths[i] = 1000 * (i + 1);
    }
    int[] depths = {0, 11, 22, 33, 44, 56, 67, 78, 89, 100};
    double[][] s = new double[depths.length][lengths.length];
    for (int d = 0; d < depths.length; d++) {
      for (int l = 0; l < lengths.length; l++) {
        double v =
            lengths[l] > 32768 ? 0.0 : 1.0 - (rnd.nextDouble() < drop * 2 ? rnd.nextDouble() : 0.0);
        s[d][l] = Math.round(v * 11) / 11.0;
      }
    }
    return new ReportModel.NeedleGrid(variant, lengths, depths, s, 33000);
  }

  private record ProbeSet(
      List<ReportModel.EnergyHistogram> energy,
      List<ReportModel.TopKCurve> curves,
      List<ReportModel.ERankEntry> eranks) {}

  private static ProbeSet probes(Random rnd) {
    int windows = 12;
    int n = 32;
    int vocab = 256;
    int k = 20;
    float[][][] baseLogits = new float[windows][n][vocab];
    int[][] ids = new int[windows][n];
    // low-rank logits (6 shared directions) plus a little noise: compression noise raises ERank
    double[][] components = new double[6][vocab];
    for (double[] c : components) {
      for (int v = 0; v < vocab; v++) {
        c[v] = rnd.nextGaussian();
      }
    }
    for (int s = 0; s < windows; s++) {
      for (int t = 0; t < n; t++) {
        ids[s][t] = rnd.nextInt(vocab);
        double[] w = new double[components.length];
        for (int c = 0; c < w.length; c++) {
          w[c] = (2.0 + 0.05 * t) * rnd.nextGaussian();
        }
        for (int v = 0; v < vocab; v++) {
          double l = 0.3 * rnd.nextGaussian();
          for (int c = 0; c < w.length; c++) {
            l += w[c] * components[c][v];
          }
          baseLogits[s][t][v] = (float) l;
        }
      }
    }
    List<ProbeResult> results = new ArrayList<>();
    ProbeResult base = null;
    for (int variant = 0; variant < VARIANTS.size(); variant++) {
      List<ProbeSequence> seqs = new ArrayList<>();
      for (int s = 0; s < windows; s++) {
        float[][] l = new float[n][vocab];
        for (int t = 0; t < n; t++) {
          for (int v = 0; v < vocab; v++) {
            l[t][v] =
                (float)
                    (baseLogits[s][t][v] * (1 + DEGRADE[variant])
                        + 3 * DEGRADE[variant] * rnd.nextGaussian());
          }
        }
        int[] ref = base == null ? null : base.sequences().get(s).topIds();
        seqs.add(ProbeReductions.reduce(ids[s], l, k, ref));
      }
      ProbeResult r = new ProbeResult(vocab, k, seqs);
      base = base == null ? r : base;
      results.add(r);
    }
    double[][] energies = results.stream().map(Energy::all).toArray(double[][]::new);
    Histogram[] hs = Energy.sharedHistograms(Histogram.SPEC_BINS, energies);
    Map<String, double[]> dens = new LinkedHashMap<>();
    for (int v = 0; v < VARIANTS.size(); v++) {
      dens.put(VARIANTS.get(v).id(), hs[v].density());
    }
    List<ReportModel.EnergyHistogram> energy =
        List.of(new ReportModel.EnergyHistogram("all positions", hs[0].edges(), dens));
    List<ReportModel.TopKCurve> curves = new ArrayList<>();
    List<ReportModel.ERankEntry> eranks = new ArrayList<>();
    for (int v = 0; v < VARIANTS.size(); v++) {
      ProbeResult r = results.get(v);
      if (v == 0) {
        eranks.add(
            new ReportModel.ERankEntry("base", ERank.compare(base, base).base(), null, null));
        continue;
      }
      ERank.Comparison c = ERank.compare(base, r);
      double kl = KlDivergence.compute(base, r).mean();
      eranks.add(new ReportModel.ERankEntry(VARIANTS.get(v).id(), c.variant(), c.diff(), kl));
      String id = VARIANTS.get(v).id();
      TopKCorrelation.compute(base, r, TopKCorrelation.SPEC_KS)
          .forEach(
              (kk, curve) ->
                  curves.add(new ReportModel.TopKCurve(id, kk, curve.kendall(), curve.spearman())));
    }
    return new ProbeSet(energy, curves, eranks);
  }

  /** Writes {@code report-example.html} into the given folder (default {@code docs}). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "docs");
    Files.createDirectories(dir);
    ReportModel m = model(42);
    Files.writeString(dir.resolve("report-example.html"), ReportRenderer.html(m));
  }
}
