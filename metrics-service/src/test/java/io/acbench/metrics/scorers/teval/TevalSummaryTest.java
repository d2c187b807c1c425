package io.acbench.metrics.scorers.teval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TevalSummaryTest {

  @Test
  void sixDimensionsAndOverallFollowConvertResults() {
    Map<String, Map<String, Double>> tasks =
        Map.of(
            "teval/instruct",
                Map.of(
                    "json_format_metric",
                    0.5,
                    "json_args_em_metric",
                    0.5,
                    "string_format_metric",
                    1.0,
                    "string_args_em_metric",
                    0.5),
            "teval/plan_str", Map.of("f1_score", 0.4),
            "teval/plan_json", Map.of("f1_score", 0.6),
            "teval/reason_str", Map.of("thought", 0.8),
            "teval/retrieve_str", Map.of("name", 1.0),
            "teval/understand_str", Map.of("args", 0.2),
            "teval/rru_json", Map.of("thought", 0.6, "name", 0.0, "args", 0.4),
            "teval/review_str", Map.of("review_quality", 0.9));
    Map<String, Double> s = TevalSummary.summarize(tasks);
    assertThat(s.get("instruct")).isCloseTo(0.625, within(1e-12));
    assertThat(s.get("plan")).isCloseTo(0.5, within(1e-12));
    assertThat(s.get("reason")).isCloseTo(0.7, within(1e-12));
    assertThat(s.get("retrieve")).isCloseTo(0.5, within(1e-12));
    assertThat(s.get("understand")).isCloseTo(0.3, within(1e-12));
    assertThat(s.get("review")).isCloseTo(0.9, within(1e-12));
    assertThat(s.get("overall"))
        .isCloseTo((0.625 + 0.5 + 0.7 + 0.5 + 0.3 + 0.9) / 6, within(1e-12));
  }

  @Test
  void aliasTasksOfTheCombinedJsonFileFeedTheirDimension() {
    Map<String, Double> s =
        TevalSummary.summarize(
            Map.of(
                "teval/reason_json", Map.of("thought", 0.2),
                "teval/reason_str", Map.of("thought", 0.4)));
    assertThat(s).containsOnlyKeys("reason", "overall");
    assertThat(s.get("reason")).isCloseTo(0.3, within(1e-12));
  }
}
