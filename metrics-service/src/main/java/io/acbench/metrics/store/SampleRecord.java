package io.acbench.metrics.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored sample: what {@code acbench.sample.completed} carried plus its score.
 *
 * @param primaryMetric the scorer's primary metric, null when scoring failed
 * @param score the primary metric's value, null when scoring failed
 * @param metrics every metric of the sample (empty when scoring failed)
 * @param scoringError why the sample could not be scored, or null
 */
public record SampleRecord(
    String evaluationId,
    String variantId,
    String taskId,
    String sampleId,
    String eventId,
    String promptDigest,
    String rawOutput,
    String parsedOutput,
    String reference,
    int promptTokens,
    int completionTokens,
    long latencyMillis,
    String primaryMetric,
    Double score,
    Map<String, Double> metrics,
    String scoringError,
    Instant occurredAt) {

  public SampleRecord {
    metrics = Map.copyOf(metrics);
  }

  /** The natural key, {@code evaluation/variant/task/sample}. */
  public String naturalKey() {
    return String.join("/", evaluationId, variantId, taskId, sampleId);
  }

  /** What the producer said, field by field; duplicates must agree on all of it. */
  Map<String, Object> content() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("promptDigest", promptDigest);
    c.put("rawOutput", rawOutput);
    c.put("parsedOutput", parsedOutput);
    c.put("reference", reference);
    c.put("promptTokens", promptTokens);
    c.put("completionTokens", completionTokens);
    c.put("latencyMillis", latencyMillis);
    return c;
  }
}
