package io.acbench.compressor.idempotence;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.AcbenchEvent;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.messaging.EventJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How one (evaluation, variant) finished: the event the service emitted ({@code model.ready} or a
 * non-retryable {@code compression.failed}) and, for a ready variant, the models it registered with
 * the inference backend (name and model-repository entry), so a redelivered request after a restart
 * re-registers them and re-emits the very same event.
 *
 * @param topic {@link Topics#MODEL_READY} or {@link Topics#COMPRESSION_FAILED}
 * @param eventJson the emitted event, as sent
 * @param registrations the models to load again on a replay; empty for a failure
 */
public record Outcome(
    String evaluationId,
    String variantId,
    String topic,
    String eventJson,
    List<Registration> registrations) {

  /** One model the backend was asked to load. */
  public record Registration(String modelName, Path entry) {
    public Registration {
      Objects.requireNonNull(modelName, "modelName");
      Objects.requireNonNull(entry, "entry");
    }
  }

  public Outcome {
    Objects.requireNonNull(evaluationId, "evaluationId");
    Objects.requireNonNull(variantId, "variantId");
    if (!topic.equals(Topics.MODEL_READY) && !topic.equals(Topics.COMPRESSION_FAILED)) {
      throw new IllegalArgumentException("outcome topic must be model.ready or compression.failed");
    }
    Objects.requireNonNull(eventJson, "eventJson");
    registrations = List.copyOf(registrations);
  }

  /** A ready variant and the models it registered. */
  public static Outcome ready(ModelReady event, List<Registration> registrations) {
    return new Outcome(
        event.evaluationId(),
        event.variantId(),
        Topics.MODEL_READY,
        EventJson.write(event),
        registrations);
  }

  /** A variant that failed for good (bad input). */
  public static Outcome failed(CompressionFailed event) {
    return new Outcome(
        event.evaluationId(),
        event.variantId(),
        Topics.COMPRESSION_FAILED,
        EventJson.write(event),
        List.of());
  }

  /**
   * The recorded event, read back.
   *
   * @throws io.acbench.contracts.messaging.EventFormatException when it does not parse
   */
  public AcbenchEvent event() {
    return topic.equals(Topics.MODEL_READY)
        ? EventJson.read(eventJson, ModelReady.class)
        : EventJson.read(eventJson, CompressionFailed.class);
  }

  /** The key idempotence is kept on. */
  public String key() {
    return key(evaluationId, variantId);
  }

  static String key(String evaluationId, String variantId) {
    return evaluationId + "\n" + variantId;
  }
}
