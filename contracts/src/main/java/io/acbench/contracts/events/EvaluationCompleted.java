package io.acbench.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every (variant, task) of an evaluation is scored; carries the verdict per variant.
 *
 * @param status {@code PASSED}, {@code FAILED} (some variant failed its policy) or {@code ERROR}
 * @param verdicts one verdict per variant
 * @param reportUri where the report can be fetched, or null
 */
public record EvaluationCompleted(
    int schemaVersion,
    String eventId,
    Instant occurredAt,
    String evaluationId,
    String status,
    List<VariantVerdict> verdicts,
    String reportUri)
    implements AcbenchEvent {

  public static final int SCHEMA_VERSION = 1;

  public EvaluationCompleted {
    Events.requireEnvelope(schemaVersion, eventId, occurredAt, evaluationId);
    Objects.requireNonNull(status, "status");
    verdicts = List.copyOf(Objects.requireNonNull(verdicts, "verdicts"));
  }

  /** A new event with a fresh id and the current time. */
  public static EvaluationCompleted of(
      String evaluationId, String status, List<VariantVerdict> verdicts, String reportUri) {
    return new EvaluationCompleted(
        SCHEMA_VERSION, Events.newId(), Instant.now(), evaluationId, status, verdicts, reportUri);
  }

  @Override
  public String naturalKey() {
    return evaluationId;
  }
}
