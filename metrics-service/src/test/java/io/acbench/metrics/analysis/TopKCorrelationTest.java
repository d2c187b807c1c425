package io.acbench.metrics.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.acbench.contracts.probe.ProbeReductions;
import io.acbench.contracts.probe.ProbeResult;
import io.acbench.contracts.probe.ProbeSequence;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopKCorrelationTest {

  private static final float[] BASE = {0.1f, 3.0f, 2.5f, -1.0f, 2.9f, 0.0f};
  private static final float[] COMP = {0.2f, 2.8f, 2.9f, -0.5f, 2.7f, 0.1f};

  @Test
  void specTopThreeOnAVocabulary() {
    // Appendix A: I = {1, 4, 2}; tau = -1/3, rho = -0.5.
    ProbeSequence b = ProbeReductions.reduce(new int[] {0}, new float[][] {BASE}, 3, null);
    ProbeSequence v = ProbeReductions.reduce(new int[] {0}, new float[][] {COMP}, 3, b.topIds());
    assertThat(b.topIds()).containsExactlyInAnyOrder(2, 4, 1);
    Map<Integer, TopKCorrelation.Curve> curves =
        TopKCorrelation.compute(
            new ProbeResult(6, 3, List.of(b)), new ProbeResult(6, 3, List.of(v)), List.of(3));
    TopKCorrelation.Curve c = curves.get(3);
    assertThat(c.kendall()[0]).isCloseTo(-1.0 / 3, within(1e-6));
    assertThat(c.spearman()[0]).isCloseTo(-0.5, within(1e-6));
    assertThat(c.counted()[0]).isEqualTo(1);
  }

  @Test
  void withoutReferenceLogitsTheVariantsOwnTopKIsUsedWhenItCoversTheBaseIds() {
    ProbeSequence b = ProbeReductions.reduce(new int[] {0}, new float[][] {BASE}, 3, null);
    // the variant's own top-4 = {1, 2, 4, 5} covers the base's top-3 {1, 4, 2}
    ProbeSequence v4 = ProbeReductions.reduce(new int[] {0}, new float[][] {COMP}, 4, null);
    TopKCorrelation.Curve c =
        TopKCorrelation.compute(
                new ProbeResult(6, 3, List.of(b)), new ProbeResult(6, 4, List.of(v4)), List.of(3))
            .get(3);
    assertThat(c.kendall()[0]).isCloseTo(-1.0 / 3, within(1e-6));
    // top-2 of the variant {2, 1} does not hold id 4: the position is unavailable
    ProbeSequence v2 = ProbeReductions.reduce(new int[] {0}, new float[][] {COMP}, 2, null);
    TopKCorrelation.Curve missing =
        TopKCorrelation.compute(
                new ProbeResult(6, 3, List.of(b)), new ProbeResult(6, 2, List.of(v2)), List.of(3))
            .get(3);
    assertThat(missing.unavailable()[0]).isEqualTo(1);
    assertThat(missing.kendall()[0]).isNaN();
  }

  @Test
  void curvesAverageOverSequencesAndSkipNaN() {
    float[] flat = {1, 1, 1, 1, 1, 1};
    // sequence 0: the spec vector (tau -1/3); sequence 1: identical logits (tau 1);
    // sequence 2: a constant variant (NaN, skipped and counted)
    ProbeSequence b0 = ProbeReductions.reduce(new int[] {0}, new float[][] {BASE}, 3, null);
    ProbeSequence v0 = ProbeReductions.reduce(new int[] {0}, new float[][] {COMP}, 3, b0.topIds());
    ProbeSequence v1 = ProbeReductions.reduce(new int[] {0}, new float[][] {BASE}, 3, b0.topIds());
    ProbeSequence v2 = ProbeReductions.reduce(new int[] {0}, new float[][] {flat}, 3, b0.topIds());
    ProbeResult base = new ProbeResult(6, 3, List.of(b0, b0, b0));
    ProbeResult variant = new ProbeResult(6, 3, List.of(v0, v1, v2));
    TopKCorrelation.Curve c = TopKCorrelation.compute(base, variant, List.of(3)).get(3);
    assertThat(c.kendall()[0]).isCloseTo((-1.0 / 3 + 1) / 2, within(1e-6));
    assertThat(c.spearman()[0]).isCloseTo((-0.5 + 1) / 2, within(1e-6));
    assertThat(c.counted()[0]).isEqualTo(2);
    assertThat(c.nanSkipped()[0]).isEqualTo(1);
  }

  @Test
  void kLargerThanTheStoredTopKIsRejected() {
    ProbeSequence b = ProbeReductions.reduce(new int[] {0}, new float[][] {BASE}, 3, null);
    ProbeResult r = new ProbeResult(6, 3, List.of(b));
    assertThatThrownBy(() -> TopKCorrelation.compute(r, r, TopKCorrelation.SPEC_KS))
        .hasMessageContaining("k = 10");
  }
}
