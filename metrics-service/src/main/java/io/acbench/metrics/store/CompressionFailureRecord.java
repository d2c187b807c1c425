package io.acbench.metrics.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A variant the compressor could not build or register ({@code acbench.compression.failed}): the
 * evaluation does not wait for its tasks or probe, and its verdict fails with the reason.
 */
public record CompressionFailureRecord(
    String evaluationId,
    String variantId,
    String eventId,
    String reason,
    boolean retryable,
    Instant occurredAt) {

  public String naturalKey() {
    return String.join("/", evaluationId, variantId);
  }

  Map<String, Object> content() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("reason", reason);
    c.put("retryable", retryable);
    return c;
  }
}
