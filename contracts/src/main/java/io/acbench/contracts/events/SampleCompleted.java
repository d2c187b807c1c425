package io.acbench.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One sample of a task ran on one variant.
 *
 * @param variantId the variant
 * @param taskId the task, e.g. {@code worfbench/os}
 * @param sampleId the sample within the task
 * @param promptDigest sha256 hex of the rendered prompt
 * @param rawOutput the model's text as generated
 * @param parsedOutput the parser's result as JSON text (null when parsing failed)
 * @param reference the reference answer as JSON text
 * @param promptTokens tokens in the prompt
 * @param completionTokens tokens generated
 * @param latencyMillis wall time of the inference call
 */
public record SampleCompleted(
    int schemaVersion,
    String eventId,
    Instant occurredAt,
    String evaluationId,
    String variantId,
    String taskId,
    String sampleId,
    String promptDigest,
    String rawOutput,
    String parsedOutput,
    String reference,
    int promptTokens,
    int completionTokens,
    long latencyMillis)
    implements AcbenchEvent {

  public static final int SCHEMA_VERSION = 1;

  public SampleCompleted {
    Events.requireEnvelope(schemaVersion, eventId, occurredAt, evaluationId);
    Objects.requireNonNull(variantId, "variantId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(sampleId, "sampleId");
    Objects.requireNonNull(promptDigest, "promptDigest");
    Objects.requireNonNull(rawOutput, "rawOutput");
    Objects.requireNonNull(reference, "reference");
  }

  /** A new event with a fresh id and the current time. */
  public static SampleCompleted of(
      String evaluationId,
      String variantId,
      String taskId,
      String sampleId,
      String promptDigest,
      String rawOutput,
      String parsedOutput,
      String reference,
      int promptTokens,
      int completionTokens,
      long latencyMillis) {
    return new SampleCompleted(
        SCHEMA_VERSION,
        Events.newId(),
        Instant.now(),
        evaluationId,
        variantId,
        taskId,
        sampleId,
        promptDigest,
        rawOutput,
        parsedOutput,
        reference,
        promptTokens,
        completionTokens,
        latencyMillis);
  }

  @Override
  public String naturalKey() {
    return Events.key(evaluationId, variantId, taskId, sampleId);
  }
}
