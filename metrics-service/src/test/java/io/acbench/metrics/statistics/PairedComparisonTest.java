package io.acbench.metrics.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

  @Test
  void passFailScoresCountFlipsAndUseMcNemar() {
    Map<String, Double> base = new HashMap<>();
    Map<String, Double> variant = new HashMap<>();
    // s0..s5: base right, variant wrong on s0, s1, s2; base wrong, variant right on s3;
    // both right on s4; both wrong on s5; s6 only in base.
    double[][] pairs = {{1, 0}, {1, 0}, {1, 0}, {0, 1}, {1, 1}, {0, 0}};
    for (int i = 0; i < pairs.length; i++) {
      base.put("s" + i, pairs[i][0]);
      variant.put("s" + i, pairs[i][1]);
    }
    base.put("s6", 1.0);
    PairedComparison r = PairedComparison.compare(base, variant, BootstrapSpec.DEFAULT, 0.5);
    assertThat(r.pairs()).isEqualTo(6);
    assertThat(r.baseOnly()).isEqualTo(1);
    assertThat(r.variantOnly()).isZero();
    assertThat(r.correctToWrong()).isEqualTo(3);
    assertThat(r.wrongToCorrect()).isEqualTo(1);
    // mean difference (0 - 3 + 1) / 6
    assertThat(r.meanDifference()).isCloseTo(-2.0 / 6, within(1e-12));
    assertThat(r.test()).isEqualTo("mcnemar-exact");
    // n = 4 discordant, P(X <= 1) = 5/16, two-sided 10/16
    assertThat(r.pValue()).isCloseTo(10.0 / 16, within(1e-12));
  }

  @Test
  void continuousScoresUseThePairedBootstrap() {
    Map<String, Double> base = Map.of("a", 0.5, "b", 0.6, "c", 0.7);
    Map<String, Double> variant = Map.of("a", 0.4, "b", 0.3, "c", 0.2);
    PairedComparison r = PairedComparison.compare(base, variant, BootstrapSpec.DEFAULT, 0.5);
    assertThat(r.test()).isEqualTo("paired-bootstrap");
    assertThat(r.pValue()).isZero();
    assertThat(r.correctToWrong()).isEqualTo(3);
    assertThat(r.wrongToCorrect()).isZero();
    assertThat(r.meanDifference()).isCloseTo(-0.3, within(1e-12));
  }

  @Test
  void disjointSamplesAreRejected() {
    assertThatThrownBy(
            () ->
                PairedComparison.compare(
                    Map.of("a", 1.0), Map.of("b", 1.0), BootstrapSpec.DEFAULT, 0.5))
        .hasMessageContaining("no sample ids");
  }

  @Test
  void changeIsAbsoluteAndRelativeToTheBase() {
    Change c = Change.of(0.8, 0.6);
    assertThat(c.absolute()).isCloseTo(-0.2, within(1e-12));
    assertThat(c.relative()).isCloseTo(-0.25, within(1e-12));
    assertThat(Change.of(0.0, 0.3).relative()).isNull();
  }

  @Test
  void capabilitiesGroupTasksByFamilyAndAverageThem() {
    Map<String, Double> scores =
        Map.of(
            "teval/plan", 0.6,
            "teval/reason", 0.8,
            "worfbench/os", 0.5,
            "longbench/qasper", 0.2,
            "needle/40k", 0.9,
            "agentboard/alfworld", 0.1,
            "mystery/x", 0.4);
    Map<String, Double> caps = Capabilities.scores(scores);
    assertThat(caps.keySet())
        .containsExactly("action-execution", "workflow", "long-context", "real-world", "other");
    assertThat(caps.get("action-execution")).isCloseTo(0.7, within(1e-12));
    assertThat(caps.get("long-context")).isCloseTo(0.55, within(1e-12));
    assertThat(Capabilities.group(scores.keySet()).get("action-execution"))
        .isEqualTo(List.of("teval/plan", "teval/reason"));
  }
}
