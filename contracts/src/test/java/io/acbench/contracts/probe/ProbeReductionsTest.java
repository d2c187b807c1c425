package io.acbench.contracts.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProbeReductionsTest {

  @Test
  void logSumExpMatchesTheSpecCheck() {
    // benchmark-spec §4.3: E(1, 2, 3) = -3.407606, so logsumexp = 3.407606.
    assertThat(ProbeReductions.logSumExp(new float[] {1, 2, 3}))
        .isCloseTo(3.4076059644, within(1e-9));
    assertThat(ProbeReductions.logSumExp(new float[] {1000, 1000}))
        .isCloseTo(1000 + Math.log(2), within(1e-9));
  }

  @Test
  void topKIsDescendingWithLowerIdFirstOnTies() {
    float[] l = {0.1f, 3.0f, 2.5f, -1.0f, 3.0f, 0.0f};
    assertThat(ProbeReductions.topK(l, 3)).containsExactly(1, 4, 2);
  }

  @Test
  void gramOfTheSpecMatrixMatchesHandComputedEntries() {
    float[][] x = {{1, 2, 0, 0}, {0, 1, 3, 1}, {2, 0, 1, 1}};
    double[] b = ProbeReductions.gram(x);
    // centred rows (0,1,-4/3,-2/3), (-1,0,5/3,1/3), (1,-1,-1/3,1/3);
    // squared norms 29/9, 35/9, 20/9; dot products -22/9, -7/9, -13/9.
    double n0 = Math.sqrt(29.0 / 9);
    double n1 = Math.sqrt(35.0 / 9);
    double n2 = Math.sqrt(20.0 / 9);
    assertThat(b[0]).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(b[1]).isCloseTo(-22.0 / 9 / (n0 * n1) / 3, within(1e-12));
    assertThat(b[2]).isCloseTo(-7.0 / 9 / (n0 * n2) / 3, within(1e-12));
    assertThat(b[5]).isCloseTo(-13.0 / 9 / (n1 * n2) / 3, within(1e-12));
    assertThat(b[3]).isEqualTo(b[1]);
  }

  @Test
  void reduceStoresReferenceLogitsAtTheGivenIds() {
    float[][] logits = {{0, 5, 1, 2}, {3, 0, 0, 1}};
    ProbeSequence s = ProbeReductions.reduce(new int[] {1, 2}, logits, 2, new int[] {2, 3, 0, 3});
    assertThat(s.topIds()).containsExactly(1, 3, 0, 3);
    assertThat(s.topLogits()).containsExactly(5f, 2f, 3f, 1f);
    assertThat(s.reference().logits()).containsExactly(1f, 2f, 3f, 1f);
  }
}
