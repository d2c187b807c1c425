package io.acbench.metrics.analysis;

/**
 * A histogram with equal-width bins, numpy style: edges = linspace(lo, hi, bins + 1), each bin
 * half-open [e_i, e_{i+1}) except the last, which includes hi. Density = count/(n·width), so the
 * bars integrate to 1 (matplotlib {@code density=True}).
 *
 * @param edges (bins + 1) bin edges
 * @param counts (bins) values per bin
 * @param density (bins) count/(n·width)
 */
public record Histogram(double[] edges, long[] counts, double[] density) {

  /** The spec's bin count for energy histograms (benchmark-spec §4.3). */
  public static final int SPEC_BINS = 100;

  /**
   * Bins {@code values} on [lo, hi]; values outside are not counted (the density is still divided
   * by the number counted). When lo = hi the range becomes [lo − 0.5, hi + 0.5], as numpy does.
   */
  public static Histogram of(double[] values, int bins, double lo, double hi) {
    if (bins < 1 || !(hi >= lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
      throw new IllegalArgumentException(
          "histogram needs bins >= 1 and a finite range lo <= hi, got "
              + bins
              + ", ["
              + lo
              + ", "
              + hi
              + "]");
    }
    if (lo == hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    double width = (hi - lo) / bins;
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = lo + i * width;
    }
    edges[bins] = hi;
    long[] counts = new long[bins];
    long n = 0;
    for (double v : values) {
      if (v < lo || v > hi || Double.isNaN(v)) {
        continue;
      }
      int bin = Math.min((int) ((v - lo) / width), bins - 1);
      counts[bin]++;
      n++;
    }
    double[] density = new double[bins];
    for (int i = 0; i < bins && n > 0; i++) {
      density[i] = counts[i] / (n * width);
    }
    return new Histogram(edges, counts, density);
  }

  /** Bins on the values' own [min, max], as {@code numpy.histogram(values, bins)}. */
  public static Histogram of(double[] values, int bins) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (values.length == 0) {
      lo = 0;
      hi = 1;
    }
    return of(values, bins, lo, hi);
  }
}
