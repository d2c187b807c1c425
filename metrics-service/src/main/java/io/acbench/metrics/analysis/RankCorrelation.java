package io.acbench.metrics.analysis;

import java.util.Arrays;
import java.util.Comparator;

/** Rank correlations of two paired samples; NaN when a sample is constant (as scipy). */
public final class RankCorrelation {

  private RankCorrelation() {}

  /**
   * Kendall's tau-b (Kendall 1945): τ_b = (n_c − n_d)/√((n₀ − n₁)(n₀ − n₂)), n₀ = n(n−1)/2, n₁ and
   * n₂ the pairs tied in x and in y. Pairs tied in either count as neither concordant nor
   * discordant. O(n²), fine for k ≤ 64.
   */
  public static double kendallTauB(double[] x, double[] y) {
    requirePaired(x, y);
    int n = x.length;
    long concordant = 0;
    long discordant = 0;
    long tiedX = 0;
    long tiedY = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int sx = Double.compare(x[i], x[j]);
        int sy = Double.compare(y[i], y[j]);
        tiedX += sx == 0 ? 1 : 0;
        tiedY += sy == 0 ? 1 : 0;
        long product = (long) Integer.signum(sx) * Integer.signum(sy);
        concordant += product > 0 ? 1 : 0;
        discordant += product < 0 ? 1 : 0;
      }
    }
    long n0 = (long) n * (n - 1) / 2;
    double denominator = Math.sqrt((double) (n0 - tiedX) * (n0 - tiedY));
    return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
  }

  /** Spearman's ρ: the Pearson correlation of the average ranks (ties share their mean rank). */
  public static double spearman(double[] x, double[] y) {
    requirePaired(x, y);
    return pearson(averageRanks(x), averageRanks(y));
  }

  /** Pearson's r; NaN when either sample has zero variance. */
  public static double pearson(double[] x, double[] y) {
    requirePaired(x, y);
    double mx = Arrays.stream(x).average().orElse(Double.NaN);
    double my = Arrays.stream(y).average().orElse(Double.NaN);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /** Ranks 1..n; a group of equal values gets the mean of the ranks it spans. */
  public static double[] averageRanks(double[] x) {
    Integer[] order = new Integer[x.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
    double[] ranks = new double[x.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && x[order[j + 1]] == x[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int m = i; m <= j; m++) {
        ranks[order[m]] = rank;
      }
      i = j + 1;
    }
    return ranks;
  }

  private static void requirePaired(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "samples must be paired: lengths " + x.length + " and " + y.length);
    }
  }
}
