package io.acbench.metrics.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a variant's probe outputs are stored, from {@code acbench.probe.completed}. */
public record ProbeRecord(
    String evaluationId,
    String variantId,
    String probeSetId,
    String eventId,
    String resultUri,
    String resultDigest,
    int sequenceCount,
    int positionCount,
    Instant occurredAt) {

  public String naturalKey() {
    return String.join("/", evaluationId, variantId, probeSetId);
  }

  Map<String, Object> content() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("resultUri", resultUri);
    c.put("resultDigest", resultDigest);
    c.put("sequenceCount", sequenceCount);
    c.put("positionCount", positionCount);
    return c;
  }
}
