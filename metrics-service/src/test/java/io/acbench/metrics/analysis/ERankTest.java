package io.acbench.metrics.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.acbench.contracts.probe.ProbeReductions;
import io.acbench.contracts.probe.ProbeResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ERankTest {

  @Test
  void specTestVector() {
    // benchmark-spec Appendix A: lambda = {0.5765642, 0.4234358}, ERank = 1.9765972.
    float[][] x = {{1, 2, 0, 0}, {0, 1, 3, 1}, {2, 0, 1, 1}};
    ERank.Result r = ERank.fromLogits(x, ERank.DEFAULT_EPSILON);
    assertThat(r.eigenvalues()).containsExactly(new double[] {0.5765642, 0.4234358}, within(1e-7));
    assertThat(r.erank()).isCloseTo(1.9765972, within(1e-7));
  }

  @Test
  void isotropicGramHasFullEffectiveRank() {
    // B = I/4: lambda = 1/4 each, H = ln 4, ERank = 4.
    double[] b = new double[16];
    for (int i = 0; i < 4; i++) {
      b[i * 4 + i] = 0.25;
    }
    assertThat(ERank.fromGram(b, 4, 1e-10).erank()).isCloseTo(4.0, within(1e-12));
  }

  @Test
  void rankOneGramHasEffectiveRankOne() {
    // B = v v^T with v = (1, -1)/sqrt2: one eigenvalue 1 after trace normalisation.
    double[] b = {0.5, -0.5, -0.5, 0.5};
    ERank.Result r = ERank.fromGram(b, 2, 1e-10);
    assertThat(r.erank()).isCloseTo(1.0, within(1e-12));
    assertThat(r.eigenvalues()).hasSize(1);
  }

  @Test
  void diffERankIsVariantMinusBase() {
    float[][] x = {{1, 2, 0, 0}, {0, 1, 3, 1}, {2, 0, 1, 1}};
    float[][] y = {{1, 0, 0, 0}, {0, 1, 0, 0}, {1, 0, 0, 0}};
    int[] ids = {0, 1, 2};
    ProbeResult base = new ProbeResult(4, 2, List.of(ProbeReductions.reduce(ids, x, 2, null)));
    ProbeResult variant = new ProbeResult(4, 2, List.of(ProbeReductions.reduce(ids, y, 2, null)));
    // y centred: (1/3,-2/3,0,0), (-2/3,4/3,0,0), (1/3,-2/3,0,0): all collinear, ERank 1.
    ERank.Comparison c = ERank.compare(base, variant);
    assertThat(c.variant()).isCloseTo(1.0, within(1e-9));
    assertThat(c.diff()).isCloseTo(1.0 - 1.9765972, within(1e-7));
    assertThat(c.growthPercent()).isCloseTo((1.0 / 1.9765972 - 1) * 100, within(1e-5));
  }

  @Test
  void differentInputsAreRejected() {
    float[][] x = {{1, 2}, {0, 1}};
    ProbeResult a =
        new ProbeResult(2, 1, List.of(ProbeReductions.reduce(new int[] {0, 1}, x, 1, null)));
    ProbeResult b =
        new ProbeResult(2, 1, List.of(ProbeReductions.reduce(new int[] {1, 1}, x, 1, null)));
    assertThatThrownBy(() -> ERank.compare(a, b))
        .hasMessageContaining("sequences[0].tokenIds differ");
  }
}
