package io.acbench.metrics.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acbench.contracts.events.VariantVerdict;
import io.acbench.metrics.store.EvaluationRecord;
import io.acbench.metrics.store.TaskResultRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictEngineTest {

  private static final List<String> DEFAULTS = List.of("max-relative-drop=0.10");

  private static EvaluationRecord evaluation(List<String> tasks, String... variants) {
    List<EvaluationRecord.Variant> vs = new ArrayList<>();
    for (String v : variants) {
      vs.add(new EvaluationRecord.Variant(v, v.equals("base") ? "none" : "gptq", Map.of()));
    }
    return new EvaluationRecord("ev", "e", "m", "/m", Map.of(), Instant.EPOCH, vs, tasks);
  }

  private static TaskResultRecord scored(String variant, String task, double score) {
    return new TaskResultRecord(
        "ev", variant, task, "SCORED", "f1", score, score, score, 10, Map.of("f1", score), null);
  }

  private static VariantVerdict verdict(VerdictEngine.Outcome o, String variant) {
    return o.verdicts().stream().filter(v -> v.variantId().equals(variant)).findFirst().get();
  }

  @Test
  void relativeDropAboveTheDefaultFailsTheVariantAndNamesTheTask() {
    // (0.8 − 0.7) / 0.8 = 12.5% > 10%; (0.8 − 0.75) / 0.8 = 6.25% <= 10%
    var e = evaluation(List.of("teval/plan"), "base", "bad", "good");
    var outcome =
        VerdictEngine.decide(
            e,
            List.of(
                scored("base", "teval/plan", 0.8),
                scored("bad", "teval/plan", 0.7),
                scored("good", "teval/plan", 0.75)),
            VerdictPolicy.of(DEFAULTS, Map.of()));
    assertThat(outcome.status()).isEqualTo("FAILED");
    assertThat(verdict(outcome, "base").passed()).isTrue();
    assertThat(verdict(outcome, "good").passed()).isTrue();
    assertThat(verdict(outcome, "bad").reasons())
        .singleElement()
        .asString()
        .contains("teval/plan")
        .contains("12.50%")
        .contains("max-relative-drop");
  }

  @Test
  void theMostSpecificSelectorWinsPerTask() {
    var e = evaluation(List.of("teval/plan", "teval/review"), "base", "v");
    var results =
        List.of(
            scored("base", "teval/plan", 0.8),
            scored("v", "teval/plan", 0.7),
            scored("base", "teval/review", 0.8),
            scored("v", "teval/review", 0.7));
    var policy = VerdictPolicy.of(DEFAULTS, Map.of("max-relative-drop:teval/plan", 0.2));
    var outcome = VerdictEngine.decide(e, results, policy);
    assertThat(verdict(outcome, "v").reasons())
        .singleElement()
        .asString()
        .startsWith("teval/review");
    var family = VerdictPolicy.of(DEFAULTS, Map.of("max-relative-drop:teval", 0.2));
    assertThat(VerdictEngine.decide(e, results, family).status()).isEqualTo("PASSED");
  }

  @Test
  void capabilitySelectorAndMinScoreApplyToTheBaseToo() {
    var e = evaluation(List.of("teval/plan", "worfbench/os"), "base");
    var results = List.of(scored("base", "teval/plan", 0.4), scored("base", "worfbench/os", 0.3));
    var outcome =
        VerdictEngine.decide(
            e, results, VerdictPolicy.of(DEFAULTS, Map.of("min-score:action-execution", 0.5)));
    assertThat(verdict(outcome, "base").reasons())
        .singleElement()
        .asString()
        .contains("teval/plan")
        .contains("0.4000 < min-score:action-execution 0.5000");
  }

  @Test
  void metricSuffixChecksThatMetricAndAMissingMetricIsAReason() {
    var e = evaluation(List.of("worfbench/os"), "base", "v");
    TaskResultRecord base =
        new TaskResultRecord(
            "ev",
            "base",
            "worfbench/os",
            "SCORED",
            "f1",
            0.6,
            0.5,
            0.7,
            5,
            Map.of("f1", 0.6, "precision", 0.9),
            null);
    TaskResultRecord v =
        new TaskResultRecord(
            "ev",
            "v",
            "worfbench/os",
            "SCORED",
            "f1",
            0.6,
            0.5,
            0.7,
            5,
            Map.of("f1", 0.6, "precision", 0.7),
            null);
    var dropPolicy = VerdictPolicy.of(List.of(), Map.of("max-drop:worfbench#precision", 0.1));
    assertThat(verdict(VerdictEngine.decide(e, List.of(base, v), dropPolicy), "v").reasons())
        .singleElement()
        .asString()
        .contains("precision dropped by 0.2000");
    var missing = VerdictPolicy.of(List.of(), Map.of("min-score#recall", 0.1));
    assertThat(verdict(VerdictEngine.decide(e, List.of(base, v), missing), "v").reasons())
        .singleElement()
        .asString()
        .contains("recall");
  }

  @Test
  void zeroBaseNeedsOnlyNoLossAndAFailedTaskMakesAnError() {
    var e = evaluation(List.of("exact/a"), "base", "v");
    var zero = List.of(scored("base", "exact/a", 0.0), scored("v", "exact/a", 0.0));
    assertThat(VerdictEngine.decide(e, zero, VerdictPolicy.of(DEFAULTS, Map.of())).status())
        .isEqualTo("PASSED");
    var failed =
        List.of(
            scored("base", "exact/a", 0.5),
            TaskResultRecord.failed("ev", "v", "exact/a", 0, "backend down"));
    var outcome = VerdictEngine.decide(e, failed, VerdictPolicy.of(DEFAULTS, Map.of()));
    assertThat(outcome.status()).isEqualTo("ERROR");
    assertThat(verdict(outcome, "v").reasons()).singleElement().asString().contains("backend down");
  }

  @Test
  void badKeysAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> VerdictPolicy.validate(Map.of("max-drp", 0.1)))
        .hasMessageContaining("'max-drp'");
    assertThatThrownBy(() -> VerdictPolicy.validate(Map.of("min-score:", 0.1)))
        .hasMessageContaining("'min-score:'");
    assertThatThrownBy(() -> VerdictPolicy.of(List.of("max-drop"), Map.of()))
        .hasMessageContaining("KEY=VALUE");
  }

  @Test
  void aVariantWhoseCompressionFailedFailsWithTheReasonAndItsMissingTasksAreNoError() {
    var e = evaluation(List.of("teval/plan"), "base", "gptq", "rtn");
    var outcome =
        VerdictEngine.decide(
            e,
            List.of(scored("base", "teval/plan", 0.8), scored("rtn", "teval/plan", 0.8)),
            VerdictPolicy.of(DEFAULTS, Map.of()),
            Map.of("gptq", "out of memory"));
    assertThat(outcome.status()).isEqualTo("FAILED");
    assertThat(verdict(outcome, "gptq").reasons())
        .containsExactly("compression failed: out of memory");
    assertThat(verdict(outcome, "rtn").passed()).isTrue();
  }

  @Test
  void aBaseWhoseCompressionFailedMakesTheEvaluationAnError() {
    var e = evaluation(List.of("teval/plan"), "base", "rtn");
    var outcome =
        VerdictEngine.decide(
            e,
            List.of(scored("rtn", "teval/plan", 0.8)),
            VerdictPolicy.of(DEFAULTS, Map.of()),
            Map.of("base", "cannot register"));
    assertThat(outcome.status()).isEqualTo("ERROR");
    assertThat(verdict(outcome, "base").reasons())
        .containsExactly("compression failed: cannot register");
    assertThat(verdict(outcome, "rtn").passed()).isFalse();
  }
}
