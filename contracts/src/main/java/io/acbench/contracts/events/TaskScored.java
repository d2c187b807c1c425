package io.acbench.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The scores of one task on one variant, aggregated over its samples.
 *
 * @param variantId the variant
 * @param taskId the task
 * @param status {@code SCORED} or {@code FAILED}
 * @param score mean score in [0, 1] (null when failed)
 * @param ciLow lower bound of the 95% bootstrap interval (null when failed)
 * @param ciHigh upper bound of the 95% bootstrap interval (null when failed)
 * @param sampleCount samples scored
 * @param failureReason why scoring failed; null when scored
 */
public record TaskScored(
    int schemaVersion,
    String eventId,
    Instant occurredAt,
    String evaluationId,
    String variantId,
    String taskId,
    String status,
    Double score,
    Double ciLow,
    Double ciHigh,
    int sampleCount,
    String failureReason)
    implements AcbenchEvent {

  public static final int SCHEMA_VERSION = 1;

  public TaskScored {
    Events.requireEnvelope(schemaVersion, eventId, occurredAt, evaluationId);
    Objects.requireNonNull(variantId, "variantId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(status, "status");
  }

  /** A new event with a fresh id and the current time. */
  public static TaskScored of(
      String evaluationId,
      String variantId,
      String taskId,
      String status,
      Double score,
      Double ciLow,
      Double ciHigh,
      int sampleCount,
      String failureReason) {
    return new TaskScored(
        SCHEMA_VERSION,
        Events.newId(),
        Instant.now(),
        evaluationId,
        variantId,
        taskId,
        status,
        score,
        ciLow,
        ciHigh,
        sampleCount,
        failureReason);
  }

  @Override
  public String naturalKey() {
    return Events.key(evaluationId, variantId, taskId);
  }
}
