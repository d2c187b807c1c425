package io.acbench.metrics.store;

import java.util.Map;

/**
 * The aggregate of a (variant, task).
 *
 * @param status {@code SCORED} or {@code FAILED}
 * @param score mean of the primary metric (null when failed)
 * @param ciLow lower bound of the bootstrap interval (null when failed)
 * @param ciHigh upper bound of the bootstrap interval (null when failed)
 * @param metrics every task-level metric
 */
public record TaskResultRecord(
    String evaluationId,
    String variantId,
    String taskId,
    String status,
    String primaryMetric,
    Double score,
    Double ciLow,
    Double ciHigh,
    int sampleCount,
    Map<String, Double> metrics,
    String failureReason) {

  public static final String SCORED = "SCORED";
  public static final String FAILED = "FAILED";

  public TaskResultRecord {
    metrics = Map.copyOf(metrics);
  }

  public boolean scored() {
    return SCORED.equals(status);
  }

  /** A failed result with no score. */
  public static TaskResultRecord failed(
      String evaluationId, String variantId, String taskId, int sampleCount, String reason) {
    return new TaskResultRecord(
        evaluationId,
        variantId,
        taskId,
        FAILED,
        null,
        null,
        null,
        null,
        sampleCount,
        Map.of(),
        reason);
  }
}
