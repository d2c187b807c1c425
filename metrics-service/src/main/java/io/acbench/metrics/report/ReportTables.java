package io.acbench.metrics.report;

import io.acbench.metrics.report.ReportModel.Score;
import io.acbench.metrics.report.ReportModel.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The report's tables as text cells, shared by the Markdown and HTML renderers. */
final class ReportTables {

  private ReportTables() {}

  /**
   * A table.
   *
   * @param id the section / element id
   * @param title caption
   * @param header column names
   * @param rows cell texts
   */
  record Table(String id, String title, List<String> header, List<List<String>> rows) {}

  static List<Table> tables(ReportModel m) {
    List<Table> out = new ArrayList<>();
    if (!m.capabilityScores().isEmpty()) {
      out.add(capabilities(m));
    }
    if (!m.taskScores().isEmpty()) {
      out.add(tasks(m));
    }
    if (!m.needleGrids().isEmpty()) {
      out.add(needle(m));
    }
    if (!m.topKCurves().isEmpty()) {
      out.add(topK(m));
    }
    if (!m.eranks().isEmpty()) {
      out.add(erank(m));
    }
    return out;
  }

  private static Table capabilities(ReportModel m) {
    List<String> header = new ArrayList<>(List.of("Capability"));
    m.variants().forEach(v -> header.add(v.label()));
    List<List<String>> rows = new ArrayList<>();
    List<String> caps =
        m.capabilityScores().stream()
            .map(ReportModel.CapabilityScore::capability)
            .distinct()
            .toList();
    for (String cap : caps) {
      List<String> row = new ArrayList<>(List.of(cap));
      for (Variant v : m.variants()) {
        row.add(
            m.capabilityScores().stream()
                .filter(c -> c.capability().equals(cap) && c.variantId().equals(v.id()))
                .map(c -> withDelta(c.score()))
                .findFirst()
                .orElse(""));
      }
      rows.add(row);
    }
    return new Table(
        "capabilities", "Scores per capability (change against the base)", header, rows);
  }

  static String withDelta(Score s) {
    if (s.absoluteChange() == null) {
      return Formats.score(s.score());
    }
    String rel = s.relativeChange() == null ? "" : ", " + Formats.percent(s.relativeChange());
    return Formats.score(s.score()) + " (" + Formats.signed(s.absoluteChange()) + rel + ")";
  }

  private static Table tasks(ReportModel m) {
    List<String> header =
        List.of(
            "Task",
            "Capability",
            "Variant",
            "Score",
            "95% CI",
            "Change",
            "Relative",
            "p (test)",
            "Flips c→w / w→c",
            "n");
    List<List<String>> rows = new ArrayList<>();
    for (ReportModel.TaskScore t : m.taskScores()) {
      Score s = t.score();
      String p = s.pValue() == null ? "" : Formats.pValue(s.pValue()) + " (" + s.test() + ")";
      String flips =
          t.correctToWrong() == null ? "" : t.correctToWrong() + " / " + t.wrongToCorrect();
      rows.add(
          List.of(
              t.taskId(),
              t.capability(),
              ReportPlots.label(m, t.variantId()),
              Formats.score(s.score()),
              Formats.interval(s.ciLow(), s.ciHigh()),
              Formats.signed(s.absoluteChange()),
              Formats.percent(s.relativeChange()),
              p,
              flips,
              Integer.toString(t.samples())));
    }
    return new Table("tasks", "Scores per task", header, rows);
  }

  private static Table needle(ReportModel m) {
    List<List<String>> rows = new ArrayList<>();
    for (ReportModel.NeedleGrid g : m.needleGrids()) {
      double[] all =
          Arrays.stream(g.scores())
              .flatMapToDouble(Arrays::stream)
              .filter(v -> !Double.isNaN(v))
              .toArray();
      rows.add(
          List.of(
              ReportPlots.label(m, g.variantId()),
              Formats.score(Arrays.stream(all).average().orElse(Double.NaN)),
              g.depths().length + " × " + g.lengths().length));
    }
    return new Table(
        "needle",
        "Needle-in-a-Haystack, mean heat-map score",
        List.of("Variant", "Mean of all cells", "Depths × lengths"),
        rows);
  }

  private static Table topK(ReportModel m) {
    List<List<String>> rows = new ArrayList<>();
    for (ReportModel.TopKCurve c : m.topKCurves()) {
      rows.add(
          List.of(
              ReportPlots.label(m, c.variantId()),
              Integer.toString(c.k()),
              Formats.score(nanMean(c.kendall())),
              Formats.score(nanMean(c.spearman()))));
    }
    return new Table(
        "topk",
        "Top-k ranking correlation with the base, mean over positions",
        List.of("Variant", "k", "Kendall tau-b", "Spearman"),
        rows);
  }

  private static Table erank(ReportModel m) {
    List<List<String>> rows = new ArrayList<>();
    for (ReportModel.ERankEntry e : m.eranks()) {
      rows.add(
          List.of(
              ReportPlots.label(m, e.variantId()),
              Formats.score(e.erank()),
              Formats.signed(e.diffERank()),
              e.meanKl() == null ? "" : String.format(java.util.Locale.ROOT, "%.4g", e.meanKl())));
    }
    return new Table(
        "erank",
        "ERank, Diff-ERank and KL(base ‖ variant)",
        List.of("Variant", "ERank", "Diff-ERank", "Mean top-k KL"),
        rows);
  }

  private static double nanMean(double[] v) {
    return Arrays.stream(v).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
  }
}
