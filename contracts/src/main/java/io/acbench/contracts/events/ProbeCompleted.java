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
    int positionCount)
    implements AcbenchEvent {

  public static final int SCHEMA_VERSION = 1;

  public ProbeCompleted {
    Events.requireEnvelope(schemaVersion, eventId, occurredAt, evaluationId);
    Objects.requireNonNull(variantId, "variantId");
    Objects.requireNonNull(probeSetId, "probeSetId");
    Objects.requireNonNull(resultUri, "resultUri");
    Objects.requireNonNull(resultDigest, "resultDigest");
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
        positionCount);
  }

  @Override
  public String naturalKey() {
    return Events.key(evaluationId, variantId, probeSetId);
  }
}
