package io.acbench.inference.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogitMathTest {

  @Test
  void energyTestVectorOfTheBenchmarkSpec() {
    // benchmark-spec §4.3: ℓ = (1, 2, 3) → E = −logsumexp = −3.407606
    assertThat(LogitMath.logSumExp(new float[] {9, 1, 2, 3}, 1, 3))
        .isCloseTo(3.407606, within(1e-6));
  }

  @Test
  void logSumExpDoesNotOverflowForLargeLogits() {
    assertThat(LogitMath.logSumExp(new float[] {1000, 1000}, 0, 2))
        .isCloseTo(1000 + Math.log(2), within(1e-9));
  }

  @Test
  void erankTestVectorOfTheBenchmarkSpec() {
    // benchmark-spec §4.1: X = [[1,2,0,0],[0,1,3,1],[2,0,1,1]] → λ = (0.57656, 0.42344), ERank
    // 1.976597
    float[] x = {1, 2, 0, 0, 0, 1, 3, 1, 2, 0, 1, 1};
    double[] g = LogitMath.gramInPlace(x, 0, 3, 4);
    double trace = g[0] + g[4] + g[8];
    double[] s = new double[9];
    for (int i = 0; i < 9; i++) {
      s[i] = g[i] / trace;
    }
    // the centred rows sum to zero, so one eigenvalue is 0; the other two solve λ² − e1 λ + e2 = 0
    double e1 = s[0] + s[4] + s[8];
    double e2 = s[0] * s[4] - s[1] * s[3] + s[0] * s[8] - s[2] * s[6] + s[4] * s[8] - s[5] * s[7];
    double disc = Math.sqrt(e1 * e1 - 4 * e2);
    double l1 = (e1 + disc) / 2;
    double l2 = (e1 - disc) / 2;
    assertThat(l1).isCloseTo(0.57656, within(1e-5));
    assertThat(l2).isCloseTo(0.42344, within(1e-5));
    double erank = Math.exp(-(l1 * Math.log(l1) + l2 * Math.log(l2)));
    assertThat(erank).isCloseTo(1.976597, within(1e-5));
    assertThat(g[1]).isEqualTo(g[3]);
  }

  @Test
  void topKIsDescendingAndRankCountsStrictlyLargerLogits() {
    float[] row = {0.5f, 3f, -1f, 3f, 2f};
    assertThat(LogitMath.topK(row, 0, 5, 3)).containsExactly(1, 3, 4);
    assertThat(LogitMath.rank(row, 0, 5, 4)).isEqualTo(3);
    assertThat(LogitMath.rank(row, 0, 5, 3)).isEqualTo(1);
    assertThat(LogitMath.topK(row, 0, 5, 0)).isEmpty();
  }
}
