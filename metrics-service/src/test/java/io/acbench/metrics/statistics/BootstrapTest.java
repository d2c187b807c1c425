package io.acbench.metrics.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BootstrapTest {

  @Test
  void typeSevenQuantilesInterpolateBetweenOrderStatistics() {
    double[] x = {4, 1, 3, 2};
    assertThat(Quantiles.of(x, 0.25)).isEqualTo(1.75);
    assertThat(Quantiles.of(x, 0.5)).isEqualTo(2.5);
    assertThat(Quantiles.of(x, 1.0)).isEqualTo(4.0);
    assertThat(x).containsExactly(4, 1, 3, 2);
  }

  @Test
  void constantScoresGiveADegenerateInterval() {
    MeanCi ci = Bootstrap.meanCi(new double[] {0.7, 0.7, 0.7}, BootstrapSpec.DEFAULT);
    assertThat(ci.mean()).isCloseTo(0.7, within(1e-15));
    assertThat(ci.low()).isCloseTo(0.7, within(1e-15));
    assertThat(ci.high()).isCloseTo(0.7, within(1e-15));
    assertThat(ci.n()).isEqualTo(3);
  }

  @Test
  void intervalMatchesTheNormalApproximationForALargeBinarySample() {
    // p = 0.3, n = 400: the bootstrap interval is close to 0.3 +- 1.96 * sqrt(0.21 / 400).
    double[] scores = new double[400];
    for (int i = 0; i < 120; i++) {
      scores[i] = 1;
    }
    MeanCi ci = Bootstrap.meanCi(scores, new BootstrapSpec(4000, 0.05, 7));
    double half = 1.96 * Math.sqrt(0.21 / 400);
    assertThat(ci.mean()).isCloseTo(0.3, within(1e-12));
    assertThat(ci.low()).isCloseTo(0.3 - half, within(0.006));
    assertThat(ci.high()).isCloseTo(0.3 + half, within(0.006));
  }

  @Test
  void sameSeedSameIntervalOtherSeedOtherInterval() {
    double[] scores = {0.1, 0.5, 0.9, 0.3, 0.2, 0.8, 0.4};
    MeanCi a = Bootstrap.meanCi(scores, new BootstrapSpec(500, 0.1, 1));
    MeanCi b = Bootstrap.meanCi(scores, new BootstrapSpec(500, 0.1, 1));
    MeanCi c = Bootstrap.meanCi(scores, new BootstrapSpec(500, 0.1, 2));
    assertThat(a).isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
    assertThat(a.low()).isLessThan(a.mean());
    assertThat(a.high()).isGreaterThan(a.mean());
  }

  @Test
  void narrowerAlphaGivesAWiderInterval() {
    double[] scores = {0.1, 0.5, 0.9, 0.3, 0.2, 0.8, 0.4, 0.6};
    MeanCi ci90 = Bootstrap.meanCi(scores, new BootstrapSpec(2000, 0.10, 3));
    MeanCi ci99 = Bootstrap.meanCi(scores, new BootstrapSpec(2000, 0.01, 3));
    assertThat(ci99.high() - ci99.low()).isGreaterThan(ci90.high() - ci90.low());
  }

  @Test
  void pairedBootstrapOfAlwaysBetterVariantHasZeroPValue() {
    double[] base = {0.1, 0.2, 0.3, 0.4};
    double[] variant = {0.2, 0.4, 0.4, 0.9};
    Bootstrap.PairedBootstrap r =
        Bootstrap.pairedMeanDifference(base, variant, new BootstrapSpec(1000, 0.05, 5));
    // differences 0.1, 0.2, 0.1, 0.5: mean 0.225, every resample mean lies in [0.1, 0.5]
    assertThat(r.meanDifference()).isCloseTo(0.225, within(1e-12));
    assertThat(r.pValue()).isZero();
    assertThat(r.low()).isBetween(0.1, 0.225);
    assertThat(r.high()).isBetween(0.225, 0.5);
  }

  @Test
  void pairedBootstrapOfIdenticalScoresHasPValueOne() {
    double[] same = {0.3, 0.6, 0.9};
    Bootstrap.PairedBootstrap r =
        Bootstrap.pairedMeanDifference(same, same.clone(), BootstrapSpec.DEFAULT);
    assertThat(r.pValue()).isEqualTo(1.0);
    assertThat(r.meanDifference()).isZero();
  }

  @Test
  void badInputIsRejectedWithTheFieldName() {
    assertThatThrownBy(() -> Bootstrap.meanCi(new double[0], BootstrapSpec.DEFAULT))
        .hasMessageContaining("scores must not be empty");
    assertThatThrownBy(() -> Bootstrap.meanCi(new double[] {1, Double.NaN}, BootstrapSpec.DEFAULT))
        .hasMessageContaining("scores[1]");
    assertThatThrownBy(
            () ->
                Bootstrap.pairedMeanDifference(
                    new double[] {1}, new double[] {1, 2}, BootstrapSpec.DEFAULT))
        .hasMessageContaining("paired");
    assertThatThrownBy(() -> new BootstrapSpec(0, 0.05, 1)).hasMessageContaining("resamples");
    assertThatThrownBy(() -> new BootstrapSpec(10, 1.0, 1)).hasMessageContaining("alpha");
  }
}
