package io.acbench.metrics.scorers.teval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The T-Eval table ({@code teval/utils/convert_results.py}) from task-level metrics:
 *
 * <ul>
 *   <li>Instruct = mean[(json_format + json_args_em)/2, (string_format + string_args_em)/2]
 *   <li>Plan = mean(plan_str.f1_score, plan_json.f1_score)
 *   <li>Reason = mean(reason_str.thought, rru_json.thought)
 *   <li>Retrieve = mean(retrieve_str.name, rru_json.name)
 *   <li>Understand = mean(understand_str.args, rru_json.args)
 *   <li>Review = review_str.review_quality
 *   <li>Overall = mean of the six
 * </ul>
 *
 * Values stay in [0, 1] (tables show ×100). Labels are the correct ones (B7: ACBench's CSV swaps
 * the Instruct String and JSON columns). A dimension whose tasks are all absent is left out, and
 * Overall is then the mean of the dimensions present.
 */
public final class TevalSummary {

  private TevalSummary() {}

  /**
   * @param tasks task-level metrics ({@link TevalScorer#aggregate}) keyed by task id ({@code
   *     teval/plan_json}, ...)
   */
  public static Map<String, Double> summarize(Map<String, Map<String, Double>> tasks) {
    Map<String, Double> out = new LinkedHashMap<>();
    Map<String, Double> instructMetrics = new LinkedHashMap<>();
    for (String id : List.of("teval/instruct", "teval/instruct_json", "teval/instruct_str")) {
      instructMetrics.putAll(tasks.getOrDefault(id, Map.of()));
    }
    putIfPresent(out, "instruct", instructMetrics.isEmpty() ? null : instruct(instructMetrics));
    putIfPresent(out, "plan", mean(get(tasks, "f1_score", "teval/plan_str", "teval/plan_json")));
    putIfPresent(out, "reason", mean(pair(tasks, "thought", "reason_str", "reason_json")));
    putIfPresent(out, "retrieve", mean(pair(tasks, "name", "retrieve_str", "retrieve_json")));
    putIfPresent(out, "understand", mean(pair(tasks, "args", "understand_str", "understand_json")));
    putIfPresent(out, "review", mean(get(tasks, "review_quality", "teval/review_str")));
    if (!out.isEmpty()) {
      out.put("overall", mean(new ArrayList<>(out.values())));
    }
    return out;
  }

  /** mean over the formats present of (format_metric + args_em_metric) / 2. */
  static Double instruct(Map<String, Double> m) {
    List<Double> parts = new ArrayList<>();
    for (String f : List.of("json", "string")) {
      Double format = m.get(f + "_format_metric");
      Double em = m.get(f + "_args_em_metric");
      if (format != null && em != null) {
        parts.add((format + em) / 2);
      }
    }
    return mean(parts);
  }

  /** The string task's metric and the combined JSON file's (rru_json, or its alias). */
  private static List<Double> pair(
      Map<String, Map<String, Double>> tasks, String metric, String strTask, String jsonAlias) {
    List<Double> v = get(tasks, metric, "teval/" + strTask);
    List<Double> json = get(tasks, metric, "teval/rru_json");
    v.addAll(json.isEmpty() ? get(tasks, metric, "teval/" + jsonAlias) : json);
    return v;
  }

  private static List<Double> get(
      Map<String, Map<String, Double>> tasks, String metric, String... ids) {
    List<Double> v = new ArrayList<>();
    for (String id : ids) {
      Double x = tasks.getOrDefault(id, Map.of()).get(metric);
      if (x != null) {
        v.add(x);
      }
    }
    return v;
  }

  private static Double mean(List<Double> v) {
    return v.isEmpty() ? null : v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  private static void putIfPresent(Map<String, Double> out, String key, Double v) {
    if (v != null) {
      out.put(key, v);
    }
  }
}
