package io.acbench.metrics.report;

import io.acbench.metrics.report.ReportModel.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns a {@link ReportModel} into its figures; a figure exists only when its data does. */
final class ReportPlots {

  /** Spec axis ranges of the top-k panels (benchmark-spec §4.2), widened to fit the data. */
  private static final double[] KENDALL_RANGE = {0.4, 0.9};

  private static final double[] SPEARMAN_RANGE = {0.5, 0.9};

  private ReportPlots() {}

  /**
   * One rendered plot.
   *
   * @param section the report section it belongs to
   * @param id the SVG element id
   * @param title the caption
   * @param svg the inline SVG markup
   */
  record Figure(String section, String id, String title, String svg) {}

  static List<Figure> figures(ReportModel m) {
    List<Figure> out = new ArrayList<>();
    dropBars(m).ifPresent(out::add);
    for (ReportModel.NeedleGrid g : m.needleGrids()) {
      String title = "Needle-in-a-Haystack: " + label(m, g.variantId());
      String id = "needle-" + slug(g.variantId());
      out.add(new Figure("needle", id, title, Charts.needleHeatMap(id, title, g)));
    }
    for (ReportModel.EnergyHistogram h : m.energyHistograms()) {
      String title = "Energy, " + h.label();
      String id = "energy-" + slug(h.label());
      Map<String, double[]> byLabel = new LinkedHashMap<>();
      h.densities().forEach((variant, d) -> byLabel.put(label(m, variant), d));
      out.add(
          new Figure("energy", id, title, Charts.energyHistogram(id, title, h.edges(), byLabel)));
    }
    out.addAll(topK(m));
    erankBars(m).ifPresent(out::add);
    return out;
  }

  private static Optional<Figure> dropBars(ReportModel m) {
    // only variants with a change to draw: one that failed before scoring gets no empty series
    List<Variant> compressed =
        m.variants().stream()
            .filter(v -> !v.base())
            .filter(
                v ->
                    m.capabilityScores().stream()
                        .anyMatch(
                            c ->
                                c.variantId().equals(v.id()) && c.score().relativeChange() != null))
            .toList();
    List<String> capabilities =
        m.capabilityScores().stream()
            .map(ReportModel.CapabilityScore::capability)
            .distinct()
            .toList();
    if (compressed.isEmpty() || capabilities.isEmpty()) {
      return Optional.empty();
    }
    double[][] values = new double[compressed.size()][capabilities.size()];
    boolean any = false;
    for (int s = 0; s < compressed.size(); s++) {
      for (int g = 0; g < capabilities.size(); g++) {
        values[s][g] = Double.NaN;
        for (ReportModel.CapabilityScore c : m.capabilityScores()) {
          if (c.variantId().equals(compressed.get(s).id())
              && c.capability().equals(capabilities.get(g))
              && c.score().relativeChange() != null) {
            values[s][g] = c.score().relativeChange();
            any = true;
          }
        }
      }
    }
    if (!any) {
      return Optional.empty();
    }
    String title = "Relative change against the base, per capability";
    List<String> names = compressed.stream().map(Variant::label).toList();
    return Optional.of(
        new Figure(
            "drops",
            "drop-bars",
            title,
            Charts.bars("drop-bars", title, "change vs base", capabilities, names, values, true)));
  }

  private static List<Figure> topK(ReportModel m) {
    Map<String, List<ReportModel.TopKCurve>> byVariant = new LinkedHashMap<>();
    for (ReportModel.TopKCurve c : m.topKCurves()) {
      byVariant.computeIfAbsent(c.variantId(), k -> new ArrayList<>()).add(c);
    }
    List<Figure> out = new ArrayList<>();
    byVariant.forEach(
        (variant, curves) -> {
          List<Charts.Series> tau = new ArrayList<>();
          List<Charts.Series> rho = new ArrayList<>();
          for (int i = 0; i < curves.size(); i++) {
            ReportModel.TopKCurve c = curves.get(i);
            tau.add(new Charts.Series("k = " + c.k(), SvgCanvas.color(i), c.kendall(), false));
            rho.add(new Charts.Series("k = " + c.k(), SvgCanvas.color(i), c.spearman(), false));
          }
          String v = label(m, variant);
          String idT = "topk-kendall-" + slug(variant);
          String idS = "topk-spearman-" + slug(variant);
          double[] rt = range(KENDALL_RANGE, curves, true);
          double[] rs = range(SPEARMAN_RANGE, curves, false);
          out.add(
              new Figure(
                  "topk",
                  idT,
                  "Top-k Kendall tau-b, " + v,
                  Charts.positionCurves(
                      idT, "Top-k Kendall tau-b, " + v, "Kendall tau-b", rt[0], rt[1], tau)));
          out.add(
              new Figure(
                  "topk",
                  idS,
                  "Top-k Spearman, " + v,
                  Charts.positionCurves(
                      idS, "Top-k Spearman, " + v, "Spearman rho", rs[0], rs[1], rho)));
        });
    return out;
  }

  private static double[] range(
      double[] spec, List<ReportModel.TopKCurve> curves, boolean kendall) {
    double lo = spec[0];
    double hi = spec[1];
    for (ReportModel.TopKCurve c : curves) {
      for (double v : kendall ? c.kendall() : c.spearman()) {
        if (!Double.isNaN(v)) {
          lo = Math.min(lo, Math.floor(v * 10) / 10);
          hi = Math.max(hi, Math.ceil(v * 10) / 10);
        }
      }
    }
    return new double[] {Math.max(-1, lo), Math.min(1, hi)};
  }

  private static Optional<Figure> erankBars(ReportModel m) {
    if (m.eranks().isEmpty()) {
      return Optional.empty();
    }
    List<String> groups = m.eranks().stream().map(e -> label(m, e.variantId())).toList();
    double[][] values = {m.eranks().stream().mapToDouble(ReportModel.ERankEntry::erank).toArray()};
    String title = "ERank of the output logits per variant";
    return Optional.of(
        new Figure(
            "erank",
            "erank-bars",
            title,
            Charts.bars("erank-bars", title, "ERank", groups, List.of("ERank"), values, false)));
  }

  static String label(ReportModel m, String variantId) {
    return m.variants().stream()
        .filter(v -> v.id().equals(variantId))
        .map(Variant::label)
        .findFirst()
        .orElse(variantId);
  }

  static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
