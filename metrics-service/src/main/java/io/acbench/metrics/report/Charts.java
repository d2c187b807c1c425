package io.acbench.metrics.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's plots as inline SVG strings, drawn from plain arrays. */
final class Charts {

  private static final double[] MARGINS = {48, 20, 64, 64};

  private Charts() {}

  /** A line series of an x-y chart. */
  record Series(String name, String color, double[] values, boolean dashed) {}

  /**
   * Grouped vertical bars from a zero line: one group per category, one bar per series.
   *
   * @param values (series, group); NaN leaves a gap
   * @param percent label the y axis in percent (values are fractions)
   * @param fromZero keep 0 as the lower bound (for non-negative data such as ERank)
   */
  static String bars(
      String id,
      String title,
      String yLabel,
      List<String> groups,
      List<String> series,
      double[][] values,
      boolean percent) {
    double lo = 0;
    double hi = 0;
    for (double[] row : values) {
      for (double v : row) {
        if (!Double.isNaN(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    double pad = Math.max((hi - lo) * 0.1, percent ? 0.005 : 0.05);
    lo = lo < 0 ? lo - pad : 0;
    hi = hi > 0 ? hi + pad : pad;
    double width = Math.max(540, 120 + groups.size() * (24.0 * series.size() + 36));
    SvgCanvas c = new SvgCanvas(id, title, width, 340, MARGINS);
    c.yAxis(lo, hi, yLabel, percent);
    List<String> colors = new ArrayList<>();
    for (int s = 0; s < series.size(); s++) {
      colors.add(SvgCanvas.color(s + (percent ? 1 : 0)));
    }
    c.legend(series, colors, 38);
    double slot = c.plotWidth / groups.size();
    double barWidth = Math.min(28, (slot - 16) / series.size());
    double zero = c.y(0, lo, hi);
    for (int g = 0; g < groups.size(); g++) {
      double x0 = c.left + g * slot + (slot - barWidth * series.size()) / 2;
      for (int s = 0; s < series.size(); s++) {
        double v = values[s][g];
        if (Double.isNaN(v)) {
          continue;
        }
        double yv = c.y(v, lo, hi);
        String label = percent ? Formats.percent(v) : Formats.score(v);
        c.rect(
            x0 + s * barWidth,
            Math.min(yv, zero),
            barWidth - 2,
            Math.abs(zero - yv),
            colors.get(s),
            series.get(s) + " / " + groups.get(g) + ": " + label);
      }
      c.text(
          c.left + (g + 0.5) * slot, c.top + c.plotHeight + 18, groups.get(g), "middle", 11, null);
    }
    c.line(c.left, zero, c.left + c.plotWidth, zero, "#444444", 1, false);
    return c.finish();
  }

  /**
   * Needle-in-a-Haystack heat map: rows = depth, columns = context length, colour scale 0 → 1 from
   * #F0496E through #EBB839 to #0CD79F, dashed line at the pretrained length.
   */
  static String needleHeatMap(String id, String title, ReportModel.NeedleGrid grid) {
    int cols = grid.lengths().length;
    int rows = grid.depths().length;
    double cell = Math.max(8, Math.min(36, 380.0 / cols));
    double width = 64 + cell * cols + 90;
    double height = 48 + 16 * rows + 64;
    SvgCanvas c = new SvgCanvas(id, title, width, height, new double[] {48, 90, 64, 64});
    double ch = c.plotHeight / rows;
    double cw = c.plotWidth / cols;
    for (int r = 0; r < rows; r++) {
      for (int l = 0; l < cols; l++) {
        double v = grid.scores()[r][l];
        String fill = Double.isNaN(v) ? "#dddddd" : heat(v);
        c.rect(
            c.left + l * cw,
            c.top + r * ch,
            cw + 0.3,
            ch + 0.3,
            fill,
            "length "
                + grid.lengths()[l]
                + ", depth "
                + grid.depths()[r]
                + "%: "
                + Formats.score(v));
      }
      c.text(c.left - 6, c.top + (r + 0.5) * ch + 4, grid.depths()[r] + "%", "end", 10, null);
    }
    int every = Math.max(1, (int) Math.ceil(cols / 10.0));
    for (int l = 0; l < cols; l += every) {
      c.text(
          c.left + (l + 0.5) * cw,
          c.top + c.plotHeight + 14,
          Formats.tick(grid.lengths()[l]),
          "middle",
          10,
          null);
    }
    c.text(c.left + c.plotWidth / 2, height - 10, "context length (tokens)", "middle", 12, null);
    c.rotatedText(14, c.top + c.plotHeight / 2, "needle depth", 12);
    Integer pretrained = grid.pretrainedLength();
    if (pretrained != null && cols > 1) {
      double pos = columnPosition(grid.lengths(), pretrained);
      if (pos >= 0) {
        double xx = c.left + (pos + 0.5) * cw;
        c.line(xx, c.top, xx, c.top + c.plotHeight, "#222222", 1.5, true);
      }
    }
    double bx = c.left + c.plotWidth + 24;
    for (int i = 0; i < 20; i++) {
      c.rect(
          bx,
          c.top + c.plotHeight * i / 20.0,
          14,
          c.plotHeight / 20.0 + 0.3,
          heat(1 - i / 19.0),
          null);
    }
    c.text(bx + 18, c.top + 8, "1.0", "start", 10, null);
    c.text(bx + 18, c.top + c.plotHeight, "0.0", "start", 10, null);
    return c.finish();
  }

  /** Fractional column index of a length between the grid's columns; −1 when outside. */
  static double columnPosition(int[] lengths, int value) {
    for (int i = 0; i + 1 < lengths.length; i++) {
      if (value >= lengths[i] && value <= lengths[i + 1]) {
        return i + (double) (value - lengths[i]) / (lengths[i + 1] - lengths[i]);
      }
    }
    return -1;
  }

  /** The three-stop colour map #F0496E (0) → #EBB839 (0.5) → #0CD79F (1). */
  static String heat(double v) {
    double t = Math.max(0, Math.min(1, v));
    int[] a = t < 0.5 ? new int[] {0xF0, 0x49, 0x6E} : new int[] {0xEB, 0xB8, 0x39};
    int[] b = t < 0.5 ? new int[] {0xEB, 0xB8, 0x39} : new int[] {0x0C, 0xD7, 0x9F};
    double f = t < 0.5 ? t * 2 : (t - 0.5) * 2;
    StringBuilder s = new StringBuilder("#");
    for (int i = 0; i < 3; i++) {
      s.append(String.format("%02x", (int) Math.round(a[i] + f * (b[i] - a[i]))));
    }
    return s.toString();
  }

  /** Overlaid density histograms on shared edges, as translucent step areas. */
  static String energyHistogram(
      String id, String title, double[] edges, Map<String, double[]> densities) {
    double hi = 0;
    for (double[] d : densities.values()) {
      for (double v : d) {
        hi = Math.max(hi, v);
      }
    }
    hi = hi > 0 ? hi * 1.1 : 1;
    double xlo = edges[0];
    double xhi = edges[edges.length - 1];
    SvgCanvas c = new SvgCanvas(id, title, 540, 320, MARGINS);
    c.yAxis(0, hi, "density", false).xAxis(xlo, xhi, "energy E = -logsumexp(logits)");
    List<String> names = new ArrayList<>(densities.keySet());
    List<String> colors = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, double[]> e : densities.entrySet()) {
      String color = SvgCanvas.color(i++);
      colors.add(color);
      double[] d = e.getValue();
      double[] xs = new double[2 * d.length + 2];
      double[] ys = new double[2 * d.length + 2];
      xs[0] = c.x(xlo, xlo, xhi);
      ys[0] = c.y(0, 0, hi);
      for (int b = 0; b < d.length; b++) {
        xs[2 * b + 1] = c.x(edges[b], xlo, xhi);
        xs[2 * b + 2] = c.x(edges[b + 1], xlo, xhi);
        ys[2 * b + 1] = c.y(d[b], 0, hi);
        ys[2 * b + 2] = ys[2 * b + 1];
      }
      xs[xs.length - 1] = c.x(xhi, xlo, xhi);
      ys[ys.length - 1] = c.y(0, 0, hi);
      c.polyline(xs, ys, color, 1.2, color, false);
    }
    c.legend(names, colors, 38);
    return c.finish();
  }

  /** Line chart of per-position values on a fixed y range. */
  static String positionCurves(
      String id, String title, String yLabel, double lo, double hi, List<Series> series) {
    int n = series.stream().mapToInt(s -> s.values().length).max().orElse(1);
    SvgCanvas c = new SvgCanvas(id, title, 540, 320, MARGINS);
    c.yAxis(lo, hi, yLabel, false).xAxis(0, Math.max(1, n - 1), "token position");
    List<String> names = new ArrayList<>();
    List<String> colors = new ArrayList<>();
    for (Series s : series) {
      double[] xs = new double[s.values().length];
      double[] ys = new double[s.values().length];
      for (int t = 0; t < xs.length; t++) {
        xs[t] = c.x(t, 0, Math.max(1, n - 1));
        double v = s.values()[t];
        ys[t] = Double.isNaN(v) ? Double.NaN : c.y(Math.max(lo, Math.min(hi, v)), lo, hi);
      }
      c.polyline(xs, ys, s.color(), 1.8, null, s.dashed());
      names.add(s.name());
      colors.add(s.color());
    }
    c.legend(names, colors, 38);
    return c.finish();
  }
}
