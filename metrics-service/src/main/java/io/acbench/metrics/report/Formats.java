package io.acbench.metrics.report;

import java.util.Locale;

/** Number formatting shared by the Markdown and HTML reports (locale-independent). */
final class Formats {

  private Formats() {}

  /** A score with three decimals: {@code 0.786}; "n/a" for NaN. */
  static String score(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** A signed change with three decimals: {@code +0.012}, {@code -0.034}; empty for null. */
  static String signed(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%+.3f", v);
  }

  /** A signed percentage with one decimal: {@code -3.4%}; empty for null. */
  static String percent(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%+.1f%%", v * 100);
  }

  /** An interval {@code [0.712, 0.801]}; empty when a bound is null. */
  static String interval(Double low, Double high) {
    return low == null || high == null ? "" : "[" + score(low) + ", " + score(high) + "]";
  }

  /** A p-value: three decimals, or {@code <0.001}; empty for null. */
  static String pValue(Double p) {
    if (p == null) {
      return "";
    }
    return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
  }

  /** A coordinate for SVG, two decimals. */
  static String px(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** A compact axis label: up to 3 significant digits, thousands as k. */
  static String tick(double v) {
    if (Math.abs(v) >= 1000 && v == Math.rint(v)) {
      return (v % 1000 == 0)
          ? String.format(Locale.ROOT, "%dk", (long) v / 1000)
          : String.format(Locale.ROOT, "%.1fk", v / 1000);
    }
    String s = String.format(Locale.ROOT, "%.3g", v);
    if (s.contains(".") && !s.contains("e")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  /** Escapes text for XML and HTML content and attributes. */
  static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Escapes a Markdown table cell. */
  static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
