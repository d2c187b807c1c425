package io.acbench.metrics.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class McNemarTest {

  @Test
  void smallDiscordantCountsUseTheExactBinomialTest() {
    // n = 6, P(X <= 1) = (C(6,0) + C(6,1)) / 2^6 = 7/64, two-sided 14/64.
    McNemar.Result r = McNemar.test(1, 5);
    assertThat(r.method()).isEqualTo(McNemar.Method.EXACT_BINOMIAL);
    assertThat(r.pValue()).isCloseTo(14.0 / 64, within(1e-12));
  }

  @Test
  void exactTestIsSymmetricAndCappedAtOne() {
    assertThat(McNemar.test(5, 1).pValue()).isCloseTo(14.0 / 64, within(1e-12));
    // n = 6, P(X <= 3) = 42/64, doubled exceeds 1.
    assertThat(McNemar.test(3, 3).pValue()).isEqualTo(1.0);
    assertThat(McNemar.test(0, 0).pValue()).isEqualTo(1.0);
  }

  @Test
  void exactTestAtTheLargestSmallCount() {
    // n = 24, b = 0: p = 2 / 2^24.
    McNemar.Result r = McNemar.test(0, 24);
    assertThat(r.method()).isEqualTo(McNemar.Method.EXACT_BINOMIAL);
    assertThat(r.pValue()).isCloseTo(2.0 / (1 << 24), within(1e-15));
  }

  @Test
  void largeDiscordantCountsUseContinuityCorrectedChiSquare() {
    // chi2 = (|10 - 20| - 1)^2 / 30 = 2.7; P(chi2_1 >= 2.7) = 0.1003482 (scipy chi2.sf).
    McNemar.Result r = McNemar.test(10, 20);
    assertThat(r.method()).isEqualTo(McNemar.Method.CHI_SQUARE_CONTINUITY_CORRECTED);
    assertThat(r.statistic()).isCloseTo(2.7, within(1e-12));
    assertThat(r.pValue()).isCloseTo(0.10034824646, within(1e-9));
  }

  @Test
  void chiSquareTailInTheContinuedFractionRegion() {
    // chi2 = 19^2 / 30; P = 5.2257540e-4 (scipy chi2.sf).
    assertThat(McNemar.test(5, 25).pValue()).isCloseTo(5.225753951e-4, within(1e-11));
    assertThat(SpecialFunctions.chiSquareSurvival(4, 1)).isCloseTo(0.0455002639, within(1e-9));
  }

  @Test
  void negativeCountsAreRejected() {
    assertThatThrownBy(() -> McNemar.test(-1, 2)).hasMessageContaining("discordant");
  }
}
