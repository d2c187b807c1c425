package io.acbench.metrics.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runner's end of a (variant, task), from {@code acbench.task.completed}.
 *
 * @param status {@code COMPLETED} or {@code FAILED}
 * @param sampleCount samples the runner sent
 */
public record TaskRunRecord(
    String evaluationId,
    String variantId,
    String taskId,
    String eventId,
    String status,
    int sampleCount,
    String failureReason,
    Instant occurredAt) {

  public String naturalKey() {
    return String.join("/", evaluationId, variantId, taskId);
  }

  public boolean failed() {
    return "FAILED".equals(status);
  }

  Map<String, Object> content() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("status", status);
    c.put("sampleCount", sampleCount);
    c.put("failureReason", failureReason);
    return c;
  }
}
