package io.acbench.metrics.scorers.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MaxWeightMatchingTest {

  private static final double[][] APPENDIX_S = {
    {.10, .85, .20}, {.30, .40, .55}, {.90, .20, .10}, {.05, .20, .75}
  };

  @Test
  void appendixVectorMapsAndCountsAsTheSpecSays() {
    int[] m = MaxWeightMatching.match(APPENDIX_S, 0.6);
    assertThat(m).containsExactly(1, -1, 0, 2);
    assertThat(LisCount.count(m, true)).isEqualTo(2);
    Prf r = NodeChainScore.score(APPENDIX_S, 3, 0.6, true);
    assertThat(r.precision()).isCloseTo(0.5, within(1e-9));
    assertThat(r.recall()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(r.f1()).isCloseTo(0.5714, within(1e-4));
  }

  @Test
  void thresholdIsStrict() {
    double[][] s = {{0.6, 0.2}, {0.1, 0.61}};
    assertThat(MaxWeightMatching.match(s, 0.6)).containsExactly(-1, 1);
  }

  @Test
  void prefersTotalWeightOverCardinality() {
    // three edges (p2-g0, p0-g1, p1-g2) weigh 1.83; two edges (p0-g0, p1-g1) weigh 1.98
    double[][] s = {{0.99, 0.61, 0.0}, {0.0, 0.99, 0.61}, {0.61, 0.0, 0.0}};
    assertThat(MaxWeightMatching.match(s, 0.6)).containsExactly(0, 1, -1);
  }

  @Test
  void rectangularInputsInBothOrientations() {
    double[][] tall = {{0.1}, {0.9}, {0.7}};
    assertThat(MaxWeightMatching.match(tall, 0.6)).containsExactly(-1, 0, -1);
    double[][] wide = {{0.1, 0.9, 0.7}};
    assertThat(MaxWeightMatching.match(wide, 0.6)).containsExactly(1);
    assertThat(MaxWeightMatching.match(new double[0][0], 0.6)).isEmpty();
  }

  @Test
  void hungarianReachesTheBruteForceOptimumOnRandomMatrices() {
    Random rnd = new Random(42);
    for (int trial = 0; trial < 300; trial++) {
      int rows = 1 + rnd.nextInt(5);
      int cols = 1 + rnd.nextInt(5);
      double[][] s = new double[rows][cols];
      for (double[] row : s) {
        for (int j = 0; j < cols; j++) {
          row[j] = rnd.nextDouble();
        }
      }
      int[] m = MaxWeightMatching.match(s, 0.6);
      double total = 0;
      boolean[] usedCol = new boolean[cols];
      for (int i = 0; i < rows; i++) {
        if (m[i] >= 0) {
          assertThat(s[i][m[i]]).isGreaterThan(0.6);
          assertThat(usedCol[m[i]]).isFalse();
          usedCol[m[i]] = true;
          total += s[i][m[i]];
        }
      }
      assertThat(total).isCloseTo(bruteForce(s, 0, new boolean[cols], 0.6), within(1e-9));
    }
  }

  /** Exhaustive maximum over all partial matchings of rows i.. with thresholded edges. */
  private static double bruteForce(double[][] s, int i, boolean[] used, double thr) {
    if (i == s.length) {
      return 0;
    }
    double best = bruteForce(s, i + 1, used, thr);
    for (int j = 0; j < used.length; j++) {
      if (!used[j] && s[i][j] > thr) {
        used[j] = true;
        best = Math.max(best, s[i][j] + bruteForce(s, i + 1, used, thr));
        used[j] = false;
      }
    }
    return best;
  }
}
