package io.acbench.metrics.scorers.common;

import java.util.Arrays;

/**
 * S2 of benchmark-spec §3.0: maximum-weight bipartite matching between prediction nodes (rows) and
 * gold nodes (columns), where only pairs with s_ij &gt; threshold (strictly) are edges.
 *
 * <p>Solved as an assignment problem (Hungarian algorithm, Kuhn–Munkres with potentials, O(n²m)) on
 * w_ij = s_ij if s_ij &gt; threshold else 0; pairs of weight 0 are then dropped. For positive
 * weights this reaches the same optimum total weight as NetworkX {@code max_weight_matching} with
 * {@code maxcardinality=False}. Tie order (B6): rows are augmented in index order and, among
 * columns of equal reduced cost, the lowest index wins, so equal-total alternatives may differ from
 * NetworkX's blossom algorithm.
 */
public final class MaxWeightMatching {

  private MaxWeightMatching() {}

  /**
   * The mapping m(i) for each row i: the matched column, or −1 when row i is unmatched.
   *
   * @param s similarity matrix, shape (rows, cols); not modified
   * @param threshold edges need s_ij &gt; threshold
   */
  public static int[] match(double[][] s, double threshold) {
    int rows = s.length;
    int cols = rows == 0 ? 0 : s[0].length;
    int[] mapping = new int[rows];
    Arrays.fill(mapping, -1);
    if (rows == 0 || cols == 0) {
      return mapping;
    }
    boolean transpose = rows > cols;
    int n = transpose ? cols : rows; // n <= m
    int m = transpose ? rows : cols;
    double[][] w = new double[n][m]; // (n, m) thresholded weights
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double v = transpose ? s[j][i] : s[i][j];
        w[i][j] = v > threshold ? v : 0.0;
      }
    }
    int[] assign = hungarianMax(w, n, m);
    for (int i = 0; i < n; i++) {
      int j = assign[i];
      if (j < 0 || w[i][j] <= 0.0) {
        continue;
      }
      if (transpose) {
        mapping[j] = i;
      } else {
        mapping[i] = j;
      }
    }
    return mapping;
  }

  /**
   * Assigns every row of w (n ≤ m) to a distinct column maximising Σ w[i][assign[i]]: the Hungarian
   * algorithm minimising cost = −w, with row potentials u and column potentials v.
   */
  static int[] hungarianMax(double[][] w, int n, int m) {
    double[] u = new double[n + 1];
    double[] v = new double[m + 1];
    int[] p = new int[m + 1]; // p[j]: row (1-based) assigned to column j, 0 = free
    int[] way = new int[m + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      double[] minv = new double[m + 1];
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      boolean[] used = new boolean[m + 1];
      do {
        used[j0] = true;
        int i0 = p[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = 0;
        for (int j = 1; j <= m; j++) {
          if (used[j]) {
            continue;
          }
          double cur = -w[i0 - 1][j - 1] - u[i0] - v[j];
          if (cur < minv[j]) {
            minv[j] = cur;
            way[j] = j0;
          }
          if (minv[j] < delta) {
            delta = minv[j];
            j1 = j;
          }
        }
        for (int j = 0; j <= m; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] assign = new int[n];
    Arrays.fill(assign, -1);
    for (int j = 1; j <= m; j++) {
      if (p[j] != 0) {
        assign[p[j] - 1] = j - 1;
      }
    }
    return assign;
  }
}
