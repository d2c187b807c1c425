package io.acbench.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Logits-level probe results of one variant on one probe set are stored; the event carries where.
 *
 * @param variantId the variant
 * @param probeSetId the probe set, e.g. {@code builtin-v1}
 * @param resultUri where the reduced probe outputs are stored
 * @param resultDigest sha256 hex of the stored result
 * @param sequenceCount probed sequences
 * @param positionCount probed positions over all sequences
 * @param error why probing failed, or {@code null} on success; when set, {@code resultUri} and
 *     {@code resultDigest} are {@code null} and the counts are 0. Added after schema version 1
 *     without a version bump: older producers omit it, which reads as success
 */
public record ProbeCompleted(
    int schemaVersion,
    String eventId,
    Instant occurredAt,
    String evaluationId,
    String variantId,
    String probeSetId,
    String resultUri,
    String resultDigest,
    int sequenceCount,
    int positionCount,
    String error)
    implements AcbenchEvent {

  public static final int SCHEMA_VERSION = 1;

  public ProbeCompleted {
    Events.requireEnvelope(schemaVersion, eventId, occurredAt, evaluationId);
    Objects.requireNonNull(variantId, "variantId");
    Objects.requireNonNull(probeSetId, "probeSetId");
    if (error == null) {
      Objects.requireNonNull(resultUri, "resultUri");
      Objects.requireNonNull(resultDigest, "resultDigest");
    }
  }

  /** Whether the probe ran and its result is stored at {@link #resultUri()}. */
  public boolean succeeded() {
    return error == null;
  }

  /** A new event saying probing of the variant failed, with the reason. */
  public static ProbeCompleted failed(
      String evaluationId, String variantId, String probeSetId, String error) {
    return new ProbeCompleted(
        SCHEMA_VERSION,
        Events.newId(),
        Instant.now(),
        evaluationId,
        variantId,
        probeSetId,
        null,
        null,
        0,
        0,
        Objects.requireNonNull(error, "error"));
  }

  /** A new event with a fresh id and the current time. */
  public static ProbeCompleted of(
      String evaluationId,
      String variantId,
      String probeSetId,
      String resultUri,
      String resultDigest,
      int sequenceCount,
      int positionCount) {
    return new ProbeCompleted(
        SCHEMA_VERSION,
        Events.newId(),
        Instant.now(),
        evaluationId,
        variantId,
        probeSetId,
        resultUri,
        resultDigest,
        sequenceCount,
        positionCount,
        null);
  }

  @Override
  public String naturalKey() {
    return Events.key(evaluationId, variantId, probeSetId);
  }
}
