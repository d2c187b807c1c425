package io.acbench.metrics.rest;

import io.acbench.metrics.store.EvaluationRecord;
import io.acbench.metrics.store.TaskResultRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One (variant, task) of the results table.
 *
 * @param delta score − base score (null without both)
 * @param relativeDelta (score − base) / base (null without both or when base is 0)
 */
public record TaskRow(
    String variantId,
    String taskId,
    String status,
    String primaryMetric,
    Double score,
    Double ciLow,
    Double ciHigh,
    int sampleCount,
    Double delta,
    Double relativeDelta,
    String failureReason) {

  /** CSV header, in the column order of {@link #csv()}. */
  static final String CSV_HEADER =
      "variant_id,task_id,status,primary_metric,score,ci_low,ci_high,sample_count,delta,"
          + "relative_delta,failure_reason";

  /** Rows of task results with deltas against the base variant's result of the same task. */
  static List<TaskRow> of(List<TaskResultRecord> results) {
    Map<String, Double> base = new HashMap<>();
    results.stream()
        .filter(r -> r.variantId().equals(EvaluationRecord.BASE) && r.scored())
        .forEach(r -> base.put(r.taskId(), r.score()));
    List<TaskRow> rows = new ArrayList<>();
    for (TaskResultRecord r : results) {
      Double b = base.get(r.taskId());
      Double delta = b == null || r.score() == null ? null : r.score() - b;
      Double relative = delta == null || b == 0 ? null : delta / b;
      rows.add(
          new TaskRow(
              r.variantId(),
              r.taskId(),
              r.status(),
              r.primaryMetric(),
              r.score(),
              r.ciLow(),
              r.ciHigh(),
              r.sampleCount(),
              delta,
              relative,
              r.failureReason()));
    }
    return rows;
  }

  /** The row as RFC 4180 CSV (fields with a comma, quote or line break are quoted). */
  String csv() {
    return String.join(
        ",",
        field(variantId),
        field(taskId),
        field(status),
        field(primaryMetric),
        field(score),
        field(ciLow),
        field(ciHigh),
        Integer.toString(sampleCount),
        field(delta),
        field(relativeDelta),
        field(failureReason));
  }

  private static String field(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
