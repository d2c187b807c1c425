package io.acbench.metrics.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.acbench.contracts.probe.ProbeReductions;
import io.acbench.contracts.probe.ProbeResult;
import io.acbench.contracts.probe.ProbeSequence;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnergyAndKlTest {

  @Test
  void specEnergyVector() {
    assertThat(Energy.of(new double[] {1, 2, 3}, 1.0)).isCloseTo(-3.4076060, within(1e-7));
    // T = 2: -2 * log(e^0.5 + e^1 + e^1.5)
    double expected = -2 * Math.log(Math.exp(0.5) + Math.exp(1) + Math.exp(1.5));
    assertThat(Energy.of(new double[] {1, 2, 3}, 2.0)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void energiesComeFromTheStoredLogSumExp() {
    ProbeSequence s =
        ProbeReductions.reduce(new int[] {0, 1}, new float[][] {{1, 2, 3}, {0, 0, 0}}, 2, null);
    ProbeResult r = new ProbeResult(3, 2, List.of(s));
    assertThat(Energy.all(r))
        .containsExactly(new double[] {-3.4076060, -Math.log(3)}, within(1e-6));
    assertThat(Energy.atPosition(r, 1)).containsExactly(new double[] {-Math.log(3)}, within(1e-6));
    assertThat(Energy.atPosition(r, 2)).isEmpty();
  }

  @Test
  void histogramBinsAndDensityAsNumpy() {
    // [0,2] in 4 bins of width 0.5: counts 1, 1, 2, 1 (2 falls in the closed last bin)
    Histogram h = Histogram.of(new double[] {0, 0.5, 1, 1, 2}, 4);
    assertThat(h.edges()).containsExactly(0, 0.5, 1, 1.5, 2);
    assertThat(h.counts()).containsExactly(1, 1, 2, 1);
    assertThat(h.density()).containsExactly(new double[] {0.4, 0.4, 0.8, 0.4}, within(1e-12));
  }

  @Test
  void sharedHistogramsUseOneRange() {
    Histogram[] hs = Energy.sharedHistograms(2, new double[] {0, 1}, new double[] {3, 4});
    assertThat(hs[0].edges()).containsExactly(0, 2, 4);
    assertThat(hs[1].edges()).containsExactly(0, 2, 4);
    assertThat(hs[0].counts()).containsExactly(2, 0);
    assertThat(hs[1].counts()).containsExactly(0, 2);
  }

  @Test
  void coarsenedKlIsExactWhenTheRestMatches() {
    // p = (.5, .3, .2), q = (.4, .4, .2), k = 2: rest .2 vs .2 contributes 0.
    double expected = 0.5 * Math.log(0.5 / 0.4) + 0.3 * Math.log(0.3 / 0.4);
    double kl =
        KlDivergence.topK(
            new double[] {Math.log(0.5), Math.log(0.3)}, 0,
            new double[] {Math.log(0.4), Math.log(0.4)}, 0);
    assertThat(kl).isCloseTo(expected, within(1e-12));
  }

  @Test
  void coarsenedKlIsALowerBoundOfTheFullKl() {
    double[] p = {0.5, 0.3, 0.1, 0.1};
    double[] q = {0.4, 0.4, 0.15, 0.05};
    float[] lp = new float[4];
    float[] lq = new float[4];
    double full = 0;
    for (int i = 0; i < 4; i++) {
      lp[i] = (float) Math.log(p[i]);
      lq[i] = (float) Math.log(q[i]);
      full += p[i] * Math.log(p[i] / q[i]);
    }
    ProbeSequence b = ProbeReductions.reduce(new int[] {0}, new float[][] {lp}, 2, null);
    ProbeSequence v = ProbeReductions.reduce(new int[] {0}, new float[][] {lq}, 2, b.topIds());
    KlDivergence.Result r =
        KlDivergence.compute(new ProbeResult(4, 2, List.of(b)), new ProbeResult(4, 2, List.of(v)));
    double coarse = 0.5 * Math.log(0.5 / 0.4) + 0.3 * Math.log(0.3 / 0.4);
    assertThat(r.mean()).isCloseTo(coarse, within(1e-6));
    assertThat(r.mean()).isLessThan(full);
    // with k = V the coarsening is the identity
    ProbeSequence b4 = ProbeReductions.reduce(new int[] {0}, new float[][] {lp}, 4, null);
    ProbeSequence v4 = ProbeReductions.reduce(new int[] {0}, new float[][] {lq}, 4, b4.topIds());
    assertThat(
            KlDivergence.compute(
                    new ProbeResult(4, 4, List.of(b4)), new ProbeResult(4, 4, List.of(v4)))
                .mean())
        .isCloseTo(full, within(1e-6));
  }

  @Test
  void klOfIdenticalModelsIsZero() {
    float[] l = {0.3f, -1f, 2f, 0.7f};
    ProbeSequence b = ProbeReductions.reduce(new int[] {0}, new float[][] {l}, 2, null);
    ProbeSequence v = ProbeReductions.reduce(new int[] {0}, new float[][] {l}, 2, b.topIds());
    KlDivergence.Result r =
        KlDivergence.compute(new ProbeResult(4, 2, List.of(b)), new ProbeResult(4, 2, List.of(v)));
    assertThat(r.mean()).isCloseTo(0, within(1e-7));
    assertThat(r.perPosition()).hasSize(1);
  }
}
