package io.acbench.metrics.report;

import static io.acbench.metrics.report.Formats.px;
import static io.acbench.metrics.report.Formats.xml;

import java.util.List;

/**
 * Builds one inline SVG element (no scripts, no external references) with a plot area inside
 * margins, linear axes and the usual marks.
 */
final class SvgCanvas {

  static final String FONT = "font-family=\"Helvetica, Arial, sans-serif\"";
  static final List<String> PALETTE =
      List.of(
          "#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6",
          "#9d755d", "#bab0ac");

  final double width;
  final double height;
  final double left;
  final double top;
  final double plotWidth;
  final double plotHeight;
  private final StringBuilder out = new StringBuilder();

  SvgCanvas(String id, String title, double width, double height, double[] margins) {
    this.width = width;
    this.height = height;
    this.top = margins[0];
    this.left = margins[3];
    this.plotWidth = width - margins[1] - margins[3];
    this.plotHeight = height - margins[0] - margins[2];
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" id=\"")
        .append(xml(id))
        .append("\" width=\"")
        .append(px(width))
        .append("\" height=\"")
        .append(px(height))
        .append("\" viewBox=\"0 0 ")
        .append(px(width))
        .append(' ')
        .append(px(height))
        .append("\" role=\"img\"><title>")
        .append(xml(title))
        .append("</title>");
    rect(0, 0, width, height, "#ffffff", null);
    text(width / 2, 18, title, "middle", 14, "bold");
  }

  SvgCanvas rect(double x, double y, double w, double h, String fill, String tooltip) {
    out.append("<rect x=\"")
        .append(px(x))
        .append("\" y=\"")
        .append(px(y))
        .append("\" width=\"")
        .append(px(Math.max(0, w)))
        .append("\" height=\"")
        .append(px(Math.max(0, h)))
        .append("\" fill=\"")
        .append(fill)
        .append('"');
    if (tooltip == null) {
      out.append("/>");
    } else {
      out.append("><title>").append(xml(tooltip)).append("</title></rect>");
    }
    return this;
  }

  SvgCanvas line(
      double x1, double y1, double x2, double y2, String stroke, double w, boolean dash) {
    out.append("<line x1=\"")
        .append(px(x1))
        .append("\" y1=\"")
        .append(px(y1))
        .append("\" x2=\"")
        .append(px(x2))
        .append("\" y2=\"")
        .append(px(y2))
        .append("\" stroke=\"")
        .append(stroke)
        .append("\" stroke-width=\"")
        .append(px(w))
        .append('"')
        .append(dash ? " stroke-dasharray=\"6 4\"" : "")
        .append("/>");
    return this;
  }

  /** A polyline through the points; NaN y values break it into segments. */
  SvgCanvas polyline(double[] xs, double[] ys, String stroke, double w, String fill, boolean dash) {
    StringBuilder pts = new StringBuilder();
    for (int i = 0; i <= xs.length; i++) {
      boolean end = i == xs.length || Double.isNaN(ys[i]);
      if (end) {
        if (!pts.isEmpty()) {
          out.append("<polyline points=\"")
              .append(pts.toString().trim())
              .append("\" fill=\"")
              .append(fill == null ? "none" : fill + "\" fill-opacity=\"0.3")
              .append("\" stroke=\"")
              .append(stroke)
              .append("\" stroke-width=\"")
              .append(px(w))
              .append('"')
              .append(dash ? " stroke-dasharray=\"6 3\"" : "")
              .append("/>");
          pts.setLength(0);
        }
        continue;
      }
      pts.append(px(xs[i])).append(',').append(px(ys[i])).append(' ');
    }
    return this;
  }

  SvgCanvas text(double x, double y, String s, String anchor, double size, String weight) {
    out.append("<text x=\"")
        .append(px(x))
        .append("\" y=\"")
        .append(px(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\" font-size=\"")
        .append(px(size))
        .append("\" ")
        .append(FONT)
        .append(weight == null ? "" : " font-weight=\"" + weight + "\"")
        .append(" fill=\"#222222\">")
        .append(xml(s))
        .append("</text>");
    return this;
  }

  SvgCanvas rotatedText(double x, double y, String s, double size) {
    out.append("<text x=\"0\" y=\"0\" transform=\"translate(")
        .append(px(x))
        .append(',')
        .append(px(y))
        .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"")
        .append(px(size))
        .append("\" ")
        .append(FONT)
        .append(" fill=\"#222222\">")
        .append(xml(s))
        .append("</text>");
    return this;
  }

  /** Maps a y value on [lo, hi] to the plot area (hi at the top). */
  double y(double v, double lo, double hi) {
    return top + plotHeight * (1 - (v - lo) / (hi - lo));
  }

  /** Maps an x value on [lo, hi] to the plot area. */
  double x(double v, double lo, double hi) {
    return left + plotWidth * (v - lo) / (hi - lo);
  }

  /** Horizontal grid lines with labels at nice steps, and the y-axis label. */
  SvgCanvas yAxis(double lo, double hi, String label, boolean percent) {
    double step = niceStep((hi - lo) / 5);
    for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) {
      double yy = y(v, lo, hi);
      line(left, yy, left + plotWidth, yy, "#e0e0e0", 1, false);
      double snapped = Math.abs(v) < step * 1e-9 ? 0 : v;
      String t = percent ? Formats.tick(snapped * 100) + "%" : Formats.tick(snapped);
      text(left - 6, yy + 4, t, "end", 11, null);
    }
    rotatedText(14, top + plotHeight / 2, label, 12);
    line(left, top, left, top + plotHeight, "#444444", 1, false);
    return this;
  }

  /** Ticks along a numeric x axis and its label. */
  SvgCanvas xAxis(double lo, double hi, String label) {
    double step = niceStep((hi - lo) / 6);
    for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) {
      double xx = x(v, lo, hi);
      line(xx, top + plotHeight, xx, top + plotHeight + 4, "#444444", 1, false);
      text(
          xx, top + plotHeight + 16, Formats.tick(Math.abs(v) < 1e-12 ? 0 : v), "middle", 11, null);
    }
    line(left, top + plotHeight, left + plotWidth, top + plotHeight, "#444444", 1, false);
    text(left + plotWidth / 2, height - 6, label, "middle", 12, null);
    return this;
  }

  /** A legend row of coloured swatches under the title. */
  SvgCanvas legend(List<String> names, List<String> colors, double yy) {
    double xx = left;
    for (int i = 0; i < names.size(); i++) {
      rect(xx, yy - 9, 12, 10, colors.get(i), null);
      text(xx + 16, yy, names.get(i), "start", 11, null);
      xx += 28 + 6.5 * names.get(i).length();
    }
    return this;
  }

  /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    if (!(raw > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }

  static String color(int i) {
    return PALETTE.get(i % PALETTE.size());
  }

  String finish() {
    return out.append("</svg>").toString();
  }
}
