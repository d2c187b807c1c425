package io.acbench.metrics.scorers.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LisCountTest {

  @Test
  void noMatchKeepsTheLegacyFloorOfOne() {
    double[][] none = {{0.1, 0.2, 0.3}, {0.0, 0.5, 0.2}}; // |P| = 2, |G| = 3, nothing above 0.6
    Prf r = NodeChainScore.score(none, 3, 0.6, true);
    assertThat(r.precision()).isCloseTo(0.5, within(1e-9));
    assertThat(r.recall()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(r.f1()).isCloseTo(0.4, within(1e-9));
  }

  @Test
  void correctedModeScoresNoMatchAsZero() {
    double[][] none = {{0.1, 0.2, 0.3}, {0.0, 0.5, 0.2}};
    assertThat(NodeChainScore.score(none, 3, 0.6, false)).isEqualTo(Prf.ZERO);
    assertThat(LisCount.count(new int[0], false)).isZero();
  }

  @Test
  void countsTheLongestIncreasingChainSkippingUnmatched() {
    assertThat(LisCount.count(new int[] {2, -1, 0, 1, 3}, true)).isEqualTo(3);
    assertThat(LisCount.count(new int[] {2, -1, 0, 1, 3}, false)).isEqualTo(3);
    assertThat(LisCount.count(new int[] {3, 2, 1, 0}, false)).isEqualTo(1);
    assertThat(LisCount.count(new int[] {-1, -1}, true)).isEqualTo(1);
  }
}
