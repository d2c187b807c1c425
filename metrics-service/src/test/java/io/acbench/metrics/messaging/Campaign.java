package io.acbench.metrics.messaging;

import io.acbench.contracts.events.AcbenchEvent;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.events.SampleCompleted;
import io.acbench.contracts.events.TaskCompleted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test data: the events of one evaluation whose samples of family {@code exact} are right or wrong
 * by plan. Sample i of a (variant, task) has reference {@code "r<i>"}; a right answer parses to the
 * reference, a wrong one to {@code "wrong"}.
 */
final class Campaign {

  final String evaluationId;
  final Map<String, Map<String, boolean[]>> plan = new LinkedHashMap<>();
  final List<TaskCompleted> tasks = new ArrayList<>();
  final List<SampleCompleted> samples = new ArrayList<>();
  EvaluationRequested request;
  String probeSetId;
  final List<String> untested = new ArrayList<>();

  Campaign(String evaluationId) {
    this.evaluationId = evaluationId;
  }

  Campaign task(String variant, String task, boolean... right) {
    plan.computeIfAbsent(variant, v -> new LinkedHashMap<>()).put(task, right);
    tasks.add(TaskCompleted.of(evaluationId, variant, task, "COMPLETED", right.length, null));
    for (int i = 0; i < right.length; i++) {
      String reference = "\"r" + i + "\"";
      String parsed = right[i] ? reference : "\"wrong\"";
      samples.add(
          SampleCompleted.of(
              evaluationId,
              variant,
              task,
              "s" + i,
              "prompt-" + i,
              "answer " + parsed,
              parsed,
              reference,
              10 + i,
              2,
              5L + i));
    }
    return this;
  }

  /**
   * The request built by {@link #requested} also names {@code variant}, which runs no task here.
   */
  Campaign alsoRequests(String variant) {
    untested.add(variant);
    return this;
  }

  /** The request built by {@link #requested} asks for probing on {@code set}. */
  Campaign probing(String set) {
    probeSetId = set;
    return this;
  }

  Campaign requested(String model, List<String> taskIds, Map<String, Double> thresholds) {
    List<String> ids = new ArrayList<>(plan.keySet());
    ids.addAll(untested);
    List<EvaluationRequested.VariantSpec> variants =
        ids.stream()
            .filter(v -> !v.equals("base"))
            .map(v -> new EvaluationRequested.VariantSpec(v, "rtn", Map.of("bits", "4")))
            .toList();
    request =
        EvaluationRequested.of(
            evaluationId, "/models/" + model, model, variants, taskIds, thresholds, probeSetId);
    return this;
  }

  /** Every event: task ends, then samples, then the request. */
  List<AcbenchEvent> all() {
    List<AcbenchEvent> events = new ArrayList<>(tasks);
    events.addAll(samples);
    events.add(request);
    return events;
  }
}
