package io.acbench.metrics.probes;

import io.acbench.contracts.probe.ProbeResult;
import io.acbench.metrics.analysis.ERank;
import io.acbench.metrics.analysis.ProbeComparison;
import io.acbench.metrics.analysis.TopKCorrelation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON documents of table {@code probe_analyses}. Values that are NaN in the analysis (a
 * position no sequence could count) are {@code null} in JSON.
 */
public final class AnalysisDocuments {

  private AnalysisDocuments() {}

  /**
   * The base's own analysis.
   *
   * @param erank mean ERank over the sequences
   * @param erankPerSequence ERank of each sequence, in probe-set order
   */
  public record BaseDocument(
      String probeSetId,
      int sequences,
      int positions,
      int topKWidth,
      double erank,
      List<Double> erankPerSequence) {}

  /**
   * A compressed variant against the base on the same probe inputs.
   *
   * @param referenceLogits whether the variant's file carried its logits at the base's top-k ids
   * @param erank ERank of base and variant, Diff-ERank and growth
   * @param topKCurves Kendall tau-b and Spearman by position, one per k
   * @param kl coarsened KL(base ‖ variant), per position and mean
   * @param energy pooled energy histograms of base and variant on shared bins
   */
  public record VariantDocument(
      String probeSetId,
      int sequences,
      int positions,
      int topKWidth,
      boolean referenceLogits,
      ERank.Comparison erank,
      List<Curve> topKCurves,
      Kl kl,
      Energy energy) {}

  /** One k of {@link TopKCorrelation.Curve}, with its means over positions. */
  public record Curve(
      int k,
      List<Double> kendall,
      List<Double> spearman,
      int[] counted,
      int[] nanSkipped,
      int[] unavailable,
      Double meanKendall,
      Double meanSpearman) {}

  /** Coarsened KL: mean over all positions, mean per position, positions without the data. */
  public record Kl(Double mean, List<Double> perPosition, int unavailable) {}

  /** Density histograms on shared edges ({@code edges} has one more entry than each density). */
  public record Energy(double[] edges, double[] base, double[] variant) {}

  static BaseDocument base(String probeSetId, ProbeResult base) {
    double[] perSequence = ERank.perSequence(base);
    return new BaseDocument(
        probeSetId,
        base.sequences().size(),
        base.positionCount(),
        base.topK(),
        Arrays.stream(perSequence).average().orElseThrow(),
        list(perSequence));
  }

  static VariantDocument variant(String probeSetId, ProbeResult variant, ProbeComparison c) {
    List<Curve> curves = new ArrayList<>();
    c.topK()
        .values()
        .forEach(
            t ->
                curves.add(
                    new Curve(
                        t.k(),
                        list(t.kendall()),
                        list(t.spearman()),
                        t.counted(),
                        t.nanSkipped(),
                        t.unavailable(),
                        orNull(t.meanKendall()),
                        orNull(t.meanSpearman()))));
    return new VariantDocument(
        probeSetId,
        variant.sequences().size(),
        variant.positionCount(),
        variant.topK(),
        variant.hasReference(),
        c.erank(),
        curves,
        new Kl(orNull(c.kl().mean()), list(c.kl().perPosition()), c.kl().unavailable()),
        new Energy(c.baseEnergy().edges(), c.baseEnergy().density(), c.variantEnergy().density()));
  }

  static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  static List<Double> list(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(orNull(v));
    }
    return out;
  }

  /** The inverse of {@link #list}: null becomes NaN. */
  public static double[] array(List<Double> values) {
    return values.stream().mapToDouble(v -> v == null ? Double.NaN : v).toArray();
  }
}
