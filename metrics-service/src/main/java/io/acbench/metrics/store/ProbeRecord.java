package io.acbench.metrics.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a variant's probe outputs are stored, from {@code acbench.probe.completed}; or, when {@code
 * error} is set, why probing failed ({@code resultUri} and {@code resultDigest} null).
 */
public record ProbeRecord(
    String evaluationId,
    String variantId,
    String probeSetId,
    String eventId,
    String resultUri,
    String resultDigest,
    int sequenceCount,
    int positionCount,
    Instant occurredAt,
    String error) {

  /** A successful probe. */
  public ProbeRecord(
      String evaluationId,
      String variantId,
      String probeSetId,
      String eventId,
      String resultUri,
      String resultDigest,
      int sequenceCount,
      int positionCount,
      Instant occurredAt) {
    this(
        evaluationId,
        variantId,
        probeSetId,
        eventId,
        resultUri,
        resultDigest,
        sequenceCount,
        positionCount,
        occurredAt,
        null);
  }

  /** Whether the probe ran and its file is at {@link #resultUri()}. */
  public boolean succeeded() {
    return error == null;
  }

  public String naturalKey() {
    return String.join("/", evaluationId, variantId, probeSetId);
  }

  Map<String, Object> content() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("resultUri", resultUri);
    c.put("resultDigest", resultDigest);
    c.put("sequenceCount", sequenceCount);
    c.put("positionCount", positionCount);
    c.put("error", error);
    return c;
  }
}
