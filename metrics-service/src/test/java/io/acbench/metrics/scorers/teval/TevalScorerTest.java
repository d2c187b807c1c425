package io.acbench.metrics.scorers.teval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.acbench.metrics.scorers.common.ScoringMode;
import io.acbench.metrics.scorers.common.SharedEmbedder;
import io.acbench.metrics.scoring.TaskScorer.SampleInput;
import io.acbench.metrics.scoring.TaskScorer.SampleScore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TevalScorerTest {

  private static final TevalScorer PARITY =
      new TevalScorer(SharedEmbedder.similarity(), ScoringMode.PARITY);
  private static final TevalScorer CORRECTED =
      new TevalScorer(SharedEmbedder.similarity(), ScoringMode.CORRECTED);

  static final String INSTRUCT_JSON_REF =
      """
      {"ground_truth": {"action": "Search.query", "args": {"q": "paris", "n": 3}},
       "meta_data": {"response_format": "json"},
       "template": {"thought": "thought", "action": "name", "args": "args"}}""";

  static final String INSTRUCT_STR_REF =
      """
      {"ground_truth": {"action": "WeatherAPI.get_forecast", "args": {"city": "Paris"}},
       "meta_data": {"response_format": "str"},
       "template": {"thought_start": "goal: ", "thought_end": "\\n", "action_start": "name: ",
                    "action_end": "\\n", "args_start": "args: ", "args_end": ""}}""";

  static final String PLAN_GT =
      """
      [{"name": "FlightSearch.search", "id": 0, "args": {"from": "PEK", "to": "SFO"}},
       {"name": "HotelBooking.book", "id": 1, "args": {"city": "SFO", "nights": 2}},
       {"name": "CarRental.reserve", "id": 2, "args": {"city": "SFO"}},
       {"name": "FinishAction", "id": 3, "args": {}}]""";

  static final String PLAN_REF =
      "{\"ground_truth\": "
          + PLAN_GT
          + ", \"meta\": {\"API_list\": [\"FlightSearch.search\", \"HotelBooking.book\","
          + " \"CarRental.reserve\"]}}";

  static final String RRU_REF =
      """
      {"ground_truth": {"thought": "I need the weather forecast for Paris",
                        "name": "WeatherAPI.get_forecast", "args": {"city": "Paris", "days": 3}},
       "meta_data": {"response_format": "json"}}""";

  static final String REVIEW_REF =
      "{\"ground_truth\": {\"answer\": \"B\"}, \"meta_data\": {\"response_format\": \"str\"}}";

  private static SampleScore score(TevalScorer s, String task, String out, String ref) {
    return s.score(new SampleInput(task, "q", out, null, ref));
  }

  @Test
  void argsEmUsesTypedEqualityAsInTheAppendixVector() {
    String out =
        "{\"thought\": \"find it\", \"name\": \"Search.query\", \"args\": {\"q\": \"paris\", \"n\": \"3\"}}";
    SampleScore s = score(PARITY, "teval/instruct_json", out, INSTRUCT_JSON_REF);
    assertThat(s.metrics().get("json_format_metric")).isEqualTo(1.0);
    assertThat(s.metrics().get("json_args_em_metric")).isCloseTo(0.6667, within(1e-4));
    assertThat(s.primary()).isCloseTo((1 + 2.0 / 3) / 2, within(1e-9));
  }

  @Test
  void instructStringFormatParsesWithTheTemplateDelimiters() {
    String ok = "goal: get the weather\nname: WeatherAPI.get_forecast\nargs: {'city': 'Paris'}";
    assertThat(score(PARITY, "teval/instruct", ok, INSTRUCT_STR_REF).metrics())
        .containsEntry("string_format_metric", 1.0)
        .containsEntry("string_args_em_metric", 1.0);
    String badArgs = "goal: x\nname: WeatherAPI.get_forecast\nargs: {city";
    assertThat(score(PARITY, "teval/instruct", badArgs, INSTRUCT_STR_REF).metrics())
        .containsEntry("string_format_metric", 1.0)
        .containsEntry("string_args_em_metric", 0.5);
    assertThat(score(PARITY, "teval/instruct", "just prose", INSTRUCT_STR_REF).metrics())
        .containsEntry("string_format_metric", 0.0)
        .containsEntry("string_args_em_metric", 0.0);
  }

  @Test
  void planGoldAgainstItselfScoresOne() {
    for (TevalScorer s : List.of(PARITY, CORRECTED)) {
      SampleScore r = score(s, "teval/plan_json", PLAN_GT, PLAN_REF);
      assertThat(r.primary()).isCloseTo(1.0, within(1e-9));
      assertThat(r.metrics().get("parse_rate")).isEqualTo(1.0);
    }
  }

  @Test
  void planWithNoMatchKeepsTheLisFloorOnlyInParity() {
    String unrelated =
        "[{\"name\": \"Translator.translate\", \"id\": 0, \"args\": {\"text\": \"bonjour\"}},"
            + " {\"name\": \"Calculator.add\", \"id\": 1, \"args\": {\"a\": 1, \"b\": 2}}]";
    // |P| = 2, |G| = 3 (FinishAction dropped), c = 1 from the floor: P 1/2, R 1/3, F1 0.4
    assertThat(score(PARITY, "teval/plan_json", unrelated, PLAN_REF).primary())
        .isCloseTo(0.4, within(1e-9));
    assertThat(score(CORRECTED, "teval/plan_json", unrelated, PLAN_REF).primary()).isZero();
  }

  @Test
  void planStringFormatTakesTheEarliestApiNamePerSentence() {
    TevalReference ref = TevalReference.parse(PLAN_REF);
    String out =
        "First call FlightSearch.search to find flights. Then HotelBooking.book a room via"
            + " CarRental.reserve-free hotels. Done.";
    List<PlanEvaluator.Step> steps = PlanEvaluator.parseStr(out, ref);
    assertThat(steps)
        .extracting(PlanEvaluator.Step::name)
        .containsExactly("FlightSearch.search", "HotelBooking.book");
    assertThat(steps).extracting(PlanEvaluator.Step::id).containsExactly(0L, 1L);
    assertThat(steps.get(0).args()).isEqualTo("First call FlightSearch.search to find flights");
    assertThat(score(PARITY, "teval/plan_str", "no api here", PLAN_REF).metrics())
        .containsEntry("parse_rate", 0.0)
        .containsEntry("f1_score", 0.0);
  }

  @Test
  void reasonRetrieveUnderstandStringForms() {
    String ref =
        """
        {"ground_truth": {"thought": "I need the weather forecast for Paris",
                          "name": "WeatherAPI.get_forecast", "args": {"city": "Paris", "days": 3}},
         "meta_data": {"response_format": "str"}}""";
    assertThat(
            score(PARITY, "teval/reason_str", "I need the weather forecast for Paris", ref)
                .primary())
        .isCloseTo(1.0, within(1e-5));
    assertThat(score(PARITY, "teval/retrieve_str", "WeatherAPI.get_forecast", ref).primary())
        .isEqualTo(1.0);
    assertThat(
            score(PARITY, "teval/retrieve_str", "WeatherAPI.get_forecast or News.top", ref)
                .primary())
        .isZero();
    assertThat(score(PARITY, "teval/retrieve_str", "FinishAction", ref).primary()).isZero();
    assertThat(
            score(PARITY, "teval/understand_str", "'{'city': 'Paris', 'days': 3}'", ref).primary())
        .isEqualTo(1.0);
    assertThat(
            score(PARITY, "teval/understand_str", "{\"city\": \"Paris\", \"days\": 3}", ref)
                .primary())
        .isZero();
  }

  @Test
  void rruJsonScoresThoughtNameAndArgs() {
    String same =
        "{\"thought\": \"I need the weather forecast for Paris\", \"name\": \"WeatherAPI.get_forecast\","
            + " \"args\": {\"city\": \"Paris\", \"days\": \"3\"}}";
    Map<String, Double> m = score(PARITY, "teval/rru_json", same, RRU_REF).metrics();
    assertThat(m.get("thought")).isCloseTo(1.0, within(1e-5));
    assertThat(m.get("name")).isEqualTo(1.0);
    assertThat(m.get("args")).isCloseTo(2 / (2 + 1e-5), within(1e-12));
    assertThat(score(PARITY, "teval/retrieve_json", same, RRU_REF).primaryMetric())
        .isEqualTo("name");
    Map<String, Double> half =
        score(
                PARITY,
                "teval/rru_json",
                "{'thought': '', 'name': 'Other.api', 'args': {'city': 'Paris'}}",
                RRU_REF)
            .metrics();
    assertThat(half.get("name")).isZero();
    assertThat(half.get("args")).isCloseTo(1 / (2 + 1e-5), within(1e-12));
    assertThat(score(PARITY, "teval/rru_json", "not a dict", RRU_REF).metrics())
        .containsEntry("parse_rate", 0.0)
        .containsEntry("thought", 0.0);
  }

  @Test
  void reviewTakesTheLetterAfterTheFirstColon() {
    assertThat(
            score(PARITY, "teval/review_str", "Answer: B. It is complete.", REVIEW_REF).primary())
        .isEqualTo(1.0);
    assertThat(score(PARITY, "teval/review_str", "B", REVIEW_REF).primary()).isEqualTo(1.0);
    assertThat(score(PARITY, "teval/review_str", "Answer: C", REVIEW_REF).metrics())
        .containsEntry("review_quality", 0.0)
        .containsEntry("parse_rate", 1.0);
    assertThat(score(PARITY, "teval/review_str", "The answer is B", REVIEW_REF).metrics())
        .containsEntry("parse_rate", 0.0);
  }

  @Test
  void malformedOutputsScoreZeroWithoutExceptions() {
    Map<String, String> refs =
        Map.of(
            "teval/instruct", INSTRUCT_JSON_REF,
            "teval/instruct_str", INSTRUCT_STR_REF,
            "teval/plan_json", PLAN_REF,
            "teval/plan_str", PLAN_REF,
            "teval/rru_json", RRU_REF,
            "teval/review_str", REVIEW_REF,
            "teval/review_json", REVIEW_REF);
    List<String> bad =
        List.of(
            "",
            "garbage",
            "{",
            "[",
            "```json\n",
            "<|im_end|>",
            "{'a': }",
            "null",
            "None",
            "[1, 2",
            "{\"name\": 5}",
            "[{\"name\": 1, \"id\": \"x\", \"args\": 2}]",
            "(((");
    refs.forEach(
        (task, ref) -> {
          for (String out : bad) {
            SampleScore s = score(PARITY, task, out, ref);
            assertThat(s.primary()).as(task + " <- " + out).isZero();
          }
        });
  }

  @Test
  void instructTaskMetricsAreMeansPerFormatNotPerSample() {
    SampleScore jsonOk =
        score(
            PARITY,
            "teval/instruct",
            "{\"thought\": 1, \"name\": \"Search.query\", \"args\": {\"q\": \"paris\", \"n\": 3}}",
            INSTRUCT_JSON_REF);
    SampleScore jsonBad = score(PARITY, "teval/instruct", "nothing", INSTRUCT_JSON_REF);
    SampleScore strHalf =
        score(
            PARITY,
            "teval/instruct",
            "goal: x\nname: WeatherAPI.get_forecast\nargs: oops",
            INSTRUCT_STR_REF);
    Map<String, Double> task = PARITY.aggregate(List.of(jsonOk, jsonBad, strHalf));
    assertThat(task.get("json_format_metric")).isCloseTo(0.5, within(1e-12));
    assertThat(task.get("json_args_em_metric")).isCloseTo(0.5, within(1e-12));
    assertThat(task.get("string_format_metric")).isCloseTo(1.0, within(1e-12));
    assertThat(task.get("string_args_em_metric")).isCloseTo(0.5, within(1e-12));
    // mean[(0.5 + 0.5)/2, (1 + 0.5)/2] = 0.625 (a per-sample mean would give 0.5833)
    assertThat(task.get("instruct")).isCloseTo(0.625, within(1e-12));
  }

  @Test
  void unknownTaskAndBadReferenceAreRejectedNamingTheField() {
    assertThatThrownBy(() -> score(PARITY, "teval/plan_yaml", "x", PLAN_REF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("taskId");
    assertThatThrownBy(() -> score(PARITY, "teval/plan_json", "x", "{\"meta\": {}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference.ground_truth");
    assertThatThrownBy(() -> score(PARITY, "teval/plan_str", "x", "{\"ground_truth\": []}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference.meta.API_list");
  }
}
