package io.acbench.metrics.report;

import io.acbench.metrics.report.ReportPlots.Figure;
import io.acbench.metrics.report.ReportTables.Table;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link ReportModel} as Markdown or as one self-contained HTML page (XHTML-compatible,
 * inline SVG plots, inline CSS, no scripts, no external references). Pure: the same model gives the
 * same bytes.
 */
public final class ReportRenderer {

  /** Report sections in page order: id → heading. */
  static final Map<String, String> SECTIONS = new LinkedHashMap<>();

  static {
    SECTIONS.put("capabilities", "Capabilities");
    SECTIONS.put("drops", "Drops against the base");
    SECTIONS.put("needle", "Needle-in-a-Haystack");
    SECTIONS.put("energy", "Energy distributions");
    SECTIONS.put("topk", "Top-k ranking correlation");
    SECTIONS.put("erank", "ERank");
    SECTIONS.put("tasks", "Tasks");
  }

  private static final String CSS =
      "body{font-family:Helvetica,Arial,sans-serif;margin:24px auto;max-width:1140px;color:#222}"
          + "table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #ccc;padding:4px 8px;"
          + "font-size:13px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}"
          + "figure{display:inline-block;margin:8px 12px 8px 0}figcaption{font-size:12px;color:#555}"
          + "h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}.meta{color:#555}";

  private ReportRenderer() {}

  /** The report as Markdown; plots are embedded as SVG data-URI images. */
  public static String markdown(ReportModel m) {
    List<Table> tables = ReportTables.tables(m);
    List<Figure> figures = ReportPlots.figures(m);
    StringBuilder b = new StringBuilder();
    b.append("# ").append(m.title()).append("\n\n");
    b.append("Evaluation `")
        .append(m.evaluationId())
        .append("`, base model `")
        .append(m.baseModel())
        .append("`.\n\n");
    for (Map.Entry<String, String> section : SECTIONS.entrySet()) {
      List<Table> ts = tables.stream().filter(t -> t.id().equals(section.getKey())).toList();
      List<Figure> fs = figures.stream().filter(f -> f.section().equals(section.getKey())).toList();
      if (ts.isEmpty() && fs.isEmpty()) {
        continue;
      }
      b.append("## ").append(section.getValue()).append("\n\n");
      for (Table t : ts) {
        markdownTable(b, t);
      }
      for (Figure f : fs) {
        String data = Base64.getEncoder().encodeToString(f.svg().getBytes(StandardCharsets.UTF_8));
        b.append("![")
            .append(f.title())
            .append("](data:image/svg+xml;base64,")
            .append(data)
            .append(")\n\n");
      }
    }
    if (!m.notes().isEmpty()) {
      b.append("## Notes\n\n");
      m.notes().forEach(n -> b.append("- ").append(n).append('\n'));
    }
    return b.toString();
  }

  private static void markdownTable(StringBuilder b, Table t) {
    b.append("**").append(t.title()).append("**\n\n|");
    t.header().forEach(h -> b.append(' ').append(Formats.cell(h)).append(" |"));
    b.append("\n|");
    for (int i = 0; i < t.header().size(); i++) {
      b.append(i == 0 ? "---|" : "---:|");
    }
    b.append('\n');
    for (List<String> row : t.rows()) {
      b.append('|');
      row.forEach(c -> b.append(' ').append(Formats.cell(c)).append(" |"));
      b.append('\n');
    }
    b.append('\n');
  }

  /** The report as a self-contained HTML page. */
  public static String html(ReportModel m) {
    List<Table> tables = ReportTables.tables(m);
    List<Figure> figures = ReportPlots.figures(m);
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
        .append("<meta charset=\"utf-8\"/><title>")
        .append(Formats.xml(m.title()))
        .append("</title>")
        .append("<style>")
        .append(CSS)
        .append("</style></head><body>\n")
        .append("<h1>")
        .append(Formats.xml(m.title()))
        .append("</h1>\n")
        .append("<p class=\"meta\">Evaluation <code>")
        .append(Formats.xml(m.evaluationId()))
        .append("</code>, base model <code>")
        .append(Formats.xml(m.baseModel()))
        .append("</code>.</p>\n");
    for (Map.Entry<String, String> section : SECTIONS.entrySet()) {
      List<Table> ts = tables.stream().filter(t -> t.id().equals(section.getKey())).toList();
      List<Figure> fs = figures.stream().filter(f -> f.section().equals(section.getKey())).toList();
      if (ts.isEmpty() && fs.isEmpty()) {
        continue;
      }
      b.append("<section id=\"section-")
          .append(section.getKey())
          .append("\"><h2>")
          .append(Formats.xml(section.getValue()))
          .append("</h2>\n");
      ts.forEach(t -> htmlTable(b, t));
      for (Figure f : fs) {
        b.append("<figure>")
            .append(f.svg())
            .append("<figcaption>")
            .append(Formats.xml(f.title()))
            .append("</figcaption></figure>\n");
      }
      b.append("</section>\n");
    }
    List<String> notes = m.notes();
    if (!notes.isEmpty()) {
      b.append("<section id=\"section-notes\"><h2>Notes</h2><ul>");
      notes.forEach(n -> b.append("<li>").append(Formats.xml(n)).append("</li>"));
      b.append("</ul></section>\n");
    }
    return b.append("</body></html>\n").toString();
  }

  private static void htmlTable(StringBuilder b, Table t) {
    b.append("<table id=\"table-")
        .append(t.id())
        .append("\"><caption>")
        .append(Formats.xml(t.title()))
        .append("</caption><thead><tr>");
    t.header().forEach(h -> b.append("<th>").append(Formats.xml(h)).append("</th>"));
    b.append("</tr></thead><tbody>");
    for (List<String> row : t.rows()) {
      b.append("<tr>");
      row.forEach(c -> b.append("<td>").append(Formats.xml(c)).append("</td>"));
      b.append("</tr>");
    }
    b.append("</tbody></table>\n");
  }
}
