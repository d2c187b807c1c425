package io.acbench.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A variant (the base model included) is built and loaded in the inference backend.
 *
 * @param variantId the variant; {@code base} for the uncompressed model
 * @param method the compression method, {@code none} for the base model
 * @param modelName the name under which the inference backend serves it
 * @param artifactDigest content digest of the checkpoint (sha256 hex)
 * @param artifactUri where the checkpoint lives
 * @param taskIds the tasks to run on it
 * @param probeSetId the probe set to run on it (from the request); {@code null} for none
 * @param probeModelName the name under which the backend serves the variant's probe model
 *     (logits-level analysis); {@code null} when none is served. Both were added after schema
 *     version 1 without a version bump: older producers omit them, which reads as {@code null}
 */
public record ModelReady(
    int schemaVersion,
    String eventId,
    Instant occurredAt,
    String evaluationId,
    String variantId,
    String method,
    String modelName,
    String artifactDigest,
    String artifactUri,
    List<String> taskIds,
    String probeSetId,
    String probeModelName)
    implements AcbenchEvent {

  public static final int SCHEMA_VERSION = 1;

  public ModelReady {
    Events.requireEnvelope(schemaVersion, eventId, occurredAt, evaluationId);
    Objects.requireNonNull(variantId, "variantId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(artifactDigest, "artifactDigest");
    Objects.requireNonNull(artifactUri, "artifactUri");
    taskIds = List.copyOf(Objects.requireNonNull(taskIds, "taskIds"));
  }

  /** A new event with a fresh id and the current time. */
  public static ModelReady of(
      String evaluationId,
      String variantId,
      String method,
      String modelName,
      String artifactDigest,
      String artifactUri,
      List<String> taskIds) {
    return of(
        evaluationId,
        variantId,
        method,
        modelName,
        artifactDigest,
        artifactUri,
        taskIds,
        null,
        null);
  }

  /** A new event with a fresh id and the current time, naming the probe set and probe model. */
  public static ModelReady of(
      String evaluationId,
      String variantId,
      String method,
      String modelName,
      String artifactDigest,
      String artifactUri,
      List<String> taskIds,
      String probeSetId,
      String probeModelName) {
    return new ModelReady(
        SCHEMA_VERSION,
        Events.newId(),
        Instant.now(),
        evaluationId,
        variantId,
        method,
        modelName,
        artifactDigest,
        artifactUri,
        taskIds,
        probeSetId,
        probeModelName);
  }

  @Override
  public String naturalKey() {
    return Events.key(evaluationId, variantId);
  }
}
