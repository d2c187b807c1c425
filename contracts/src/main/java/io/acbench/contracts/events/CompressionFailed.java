package io.acbench.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A variant could not be built or registered; nothing will be evaluated for it.
 *
 * @param variantId the variant that failed
 * @param reason what went wrong, for a person to read
 * @param retryable whether asking again may succeed
 */
public record CompressionFailed(
    int schemaVersion,
    String eventId,
    Instant occurredAt,
    String evaluationId,
    String variantId,
    String reason,
    boolean retryable)
    implements AcbenchEvent {

  public static final int SCHEMA_VERSION = 1;

  public CompressionFailed {
    Events.requireEnvelope(schemaVersion, eventId, occurredAt, evaluationId);
    Objects.requireNonNull(variantId, "variantId");
    Objects.requireNonNull(reason, "reason");
  }

  /** A new event with a fresh id and the current time. */
  public static CompressionFailed of(
      String evaluationId, String variantId, String reason, boolean retryable) {
    return new CompressionFailed(
        SCHEMA_VERSION, Events.newId(), Instant.now(), evaluationId, variantId, reason, retryable);
  }

  @Override
  public String naturalKey() {
    return Events.key(evaluationId, variantId);
  }
}
