package io.acbench.runtime.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {

  /** Logits of probabilities 0.4, 0.1, 0.3, 0.15, 0.05 (token 0 most likely, then 2, 3, 1, 4). */
  private static final float[] LOGITS = {
    (float) Math.log(0.4),
    (float) Math.log(0.1),
    (float) Math.log(0.3),
    (float) Math.log(0.15),
    (float) Math.log(0.05)
  };

  @Test
  void topKKeepsTheKMostLikelyRenormalized() {
    Sampler.Candidates c = Sampler.candidates(LOGITS, 0, 5, 1.0, 3, 1.0);

    assertThat(c.tokens()).containsExactly(0, 2, 3);
    assertThat(c.probs()[0]).isCloseTo(0.4 / 0.85, within());
    assertThat(c.probs()[2]).isCloseTo(0.15 / 0.85, within());
  }

  @Test
  void topPKeepsTheSmallestSetReachingP() {
    // cumulative 0.4, 0.7, 0.85: 0.7 < 0.75 so token 3 is still needed, token 1 is not
    assertThat(Sampler.candidates(LOGITS, 0, 5, 1.0, 0, 0.75).tokens()).containsExactly(0, 2, 3);
    // exactly reaching p stops: 0.4 + 0.3 = 0.7
    assertThat(Sampler.candidates(LOGITS, 0, 5, 1.0, 0, 0.7).tokens()).containsExactly(0, 2);
    // the top token is always kept
    assertThat(Sampler.candidates(LOGITS, 0, 5, 1.0, 0, 0.01).tokens()).containsExactly(0);
  }

  @Test
  void topPAppliesToTheTopKRenormalizedDistribution() {
    // top-2 renormalized: 0.4/0.7 = 0.571, 0.3/0.7: p = 0.5 needs only token 0
    assertThat(Sampler.candidates(LOGITS, 0, 5, 1.0, 2, 0.5).tokens()).containsExactly(0);
    // over the top-3 set (0.85): 0.4/0.85 = 0.47 < 0.5, so token 2 joins
    assertThat(Sampler.candidates(LOGITS, 0, 5, 1.0, 3, 0.5).tokens()).containsExactly(0, 2);
  }

  @Test
  void temperatureSharpensTheDistribution() {
    Sampler.Candidates c = Sampler.candidates(LOGITS, 0, 5, 0.5, 0, 1.0);
    double z = 0.16 + 0.01 + 0.09 + 0.0225 + 0.0025;

    assertThat(c.tokens()).containsExactly(0, 2, 3, 1, 4);
    assertThat(c.probs()[0]).isCloseTo(0.16 / z, within());
    assertThat(c.probs()[1]).isCloseTo(0.09 / z, within());
  }

  @Test
  void greedyPicksTheArgmaxFromTheRowOffset() {
    float[] rows = {9f, 0f, 0f, 0f, 0f, 0.5f, 3f, 3f, -1f, 2f};
    Sampler greedy = new Sampler(SamplingParams.greedy(4));

    assertThat(greedy.sample(rows, 5, 5)).isEqualTo(1);
    assertThat(greedy.sample(rows, 5, 5)).isEqualTo(1);
  }

  @Test
  void seededSamplingIsReproducibleAndSeedsDiffer() {
    SamplingParams params = SamplingParams.greedy(10).withTemperature(1.0).withSeed(42);
    int[] a = draw(new Sampler(params), 200);
    int[] b = draw(new Sampler(params), 200);
    int[] c = draw(new Sampler(params.withSeed(43)), 200);

    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void samplingFollowsTheDistributionAndNeverLeavesTheNucleus() {
    Sampler sampler = new Sampler(SamplingParams.greedy(1).withTemperature(1).withTopP(0.75));
    int[] counts = new int[5];
    int n = 20_000;
    for (int token : draw(sampler, n)) {
      counts[token]++;
    }

    assertThat(counts[1]).isZero();
    assertThat(counts[4]).isZero();
    assertThat(counts[0] / (double) n)
        .isCloseTo(0.4 / 0.85, org.assertj.core.data.Offset.offset(0.02));
    Set<Integer> seen = new HashSet<>();
    for (int t = 0; t < 5; t++) {
      if (counts[t] > 0) {
        seen.add(t);
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 2, 3);
  }

  @Test
  void unfilteredSamplingDrawsEveryTokenAtItsProbability() {
    int[] counts = new int[5];
    int n = 40_000;
    for (int token : draw(new Sampler(SamplingParams.greedy(1).withTemperature(1)), n)) {
      counts[token]++;
    }

    double[] expected = {0.4, 0.1, 0.3, 0.15, 0.05};
    for (int t = 0; t < 5; t++) {
      assertThat(counts[t] / (double) n)
          .as("token %d", t)
          .isCloseTo(expected[t], org.assertj.core.data.Offset.offset(0.015));
    }
  }

  @Test
  void invalidParametersAreRejected() {
    assertThatThrownBy(() -> SamplingParams.greedy(0)).hasMessageContaining("max_tokens");
    assertThatThrownBy(() -> SamplingParams.greedy(4).withTopP(0)).hasMessageContaining("top_p");
    assertThatThrownBy(() -> SamplingParams.greedy(4).withTemperature(-1))
        .hasMessageContaining("temperature");
  }

  private static int[] draw(Sampler sampler, int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = sampler.sample(LOGITS, 0, LOGITS.length);
    }
    return out;
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }
}
