package io.acbench.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Progress of building one variant: layer {@code layer} of {@code layerCount} is done.
 *
 * @param variantId the variant being built
 * @param stage what is running, e.g. {@code calibration} or {@code layer}
 * @param layer layers finished so far
 * @param layerCount layers in the model
 * @param etaSeconds estimated seconds until the variant is ready, or -1 when unknown
 */
public record CompressionProgress(
    int schemaVersion,
    String eventId,
    Instant occurredAt,
    String evaluationId,
    String variantId,
    String stage,
    int layer,
    int layerCount,
    long etaSeconds)
    implements AcbenchEvent {

  public static final int SCHEMA_VERSION = 1;

  public CompressionProgress {
    Events.requireEnvelope(schemaVersion, eventId, occurredAt, evaluationId);
    Objects.requireNonNull(variantId, "variantId");
    Objects.requireNonNull(stage, "stage");
  }

  /** A new event with a fresh id and the current time. */
  public static CompressionProgress of(
      String evaluationId,
      String variantId,
      String stage,
      int layer,
      int layerCount,
      long etaSeconds) {
    return new CompressionProgress(
        SCHEMA_VERSION,
        Events.newId(),
        Instant.now(),
        evaluationId,
        variantId,
        stage,
        layer,
        layerCount,
        etaSeconds);
  }

  @Override
  public String naturalKey() {
    return Events.key(evaluationId, variantId, Integer.toString(layer));
  }
}
