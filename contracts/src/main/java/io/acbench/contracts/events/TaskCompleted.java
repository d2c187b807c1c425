package io.acbench.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Every sample of a task has run on a variant, or the task failed as a whole.
 *
 * @param variantId the variant
 * @param taskId the task
 * @param status {@code COMPLETED} or {@code FAILED}
 * @param sampleCount samples sent as {@link SampleCompleted}
 * @param failureReason why the task failed; null when completed
 */
public record TaskCompleted(
    int schemaVersion,
    String eventId,
    Instant occurredAt,
    String evaluationId,
    String variantId,
    String taskId,
    String status,
    int sampleCount,
    String failureReason)
    implements AcbenchEvent {

  public static final int SCHEMA_VERSION = 1;

  public TaskCompleted {
    Events.requireEnvelope(schemaVersion, eventId, occurredAt, evaluationId);
    Objects.requireNonNull(variantId, "variantId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(status, "status");
  }

  /** A new event with a fresh id and the current time. */
  public static TaskCompleted of(
      String evaluationId,
      String variantId,
      String taskId,
      String status,
      int sampleCount,
      String failureReason) {
    return new TaskCompleted(
        SCHEMA_VERSION,
        Events.newId(),
        Instant.now(),
        evaluationId,
        variantId,
        taskId,
        status,
        sampleCount,
        failureReason);
  }

  @Override
  public String naturalKey() {
    return Events.key(evaluationId, variantId, taskId);
  }
}
