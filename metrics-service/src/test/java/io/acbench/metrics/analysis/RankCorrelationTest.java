package io.acbench.metrics.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankCorrelationTest {

  @Test
  void specVectorWithoutTies() {
    double[] base = {5, 4, 3};
    double[] comp = {4.5, 4.6, 2};
    assertThat(RankCorrelation.kendallTauB(base, comp)).isCloseTo(1.0 / 3, within(1e-6));
    assertThat(RankCorrelation.spearman(base, comp)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void specVectorWithTies() {
    double[] base = {2, 2, 1};
    double[] comp = {1, 3, 0.5};
    // n_c = 2, n_d = 0, n0 = 3, n1 = 1, n2 = 0: 2 / sqrt(2 * 3)
    assertThat(RankCorrelation.kendallTauB(base, comp)).isCloseTo(0.816497, within(1e-6));
    assertThat(RankCorrelation.spearman(base, comp)).isCloseTo(0.866025, within(1e-6));
  }

  @Test
  void averageRanksShareTiedRanks() {
    assertThat(RankCorrelation.averageRanks(new double[] {2, 2, 1, 5}))
        .containsExactly(2.5, 2.5, 1, 4);
  }

  @Test
  void constantVectorsGiveNaN() {
    double[] flat = {1, 1, 1};
    double[] other = {1, 2, 3};
    assertThat(RankCorrelation.kendallTauB(flat, other)).isNaN();
    assertThat(RankCorrelation.spearman(other, flat)).isNaN();
  }

  @Test
  void reversedOrderIsMinusOne() {
    double[] a = {1, 2, 3, 4, 5};
    double[] b = {10, 8, 6, 4, 2};
    assertThat(RankCorrelation.kendallTauB(a, b)).isEqualTo(-1.0);
    assertThat(RankCorrelation.spearman(a, b)).isCloseTo(-1.0, within(1e-15));
  }
}
