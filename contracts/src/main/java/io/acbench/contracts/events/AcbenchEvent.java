package io.acbench.contracts.events;

import java.time.Instant;

/**
 * An event of the platform. Every event is an immutable record named in the past tense; it carries
 * its schema version, a unique id, when it happened, and the natural key of what it describes.
 * Kafka records are keyed by {@link #evaluationId()}.
 */
public sealed interface AcbenchEvent
    permits EvaluationRequested,
        CompressionProgress,
        ModelReady,
        CompressionFailed,
        SampleCompleted,
        ProbeCompleted,
        TaskCompleted,
        TaskScored,
        EvaluationCompleted {

  /** Version of this event's JSON schema; readers accept newer versions and ignore new fields. */
  int schemaVersion();

  /** Unique id of this occurrence (a UUID); redeliveries keep it. */
  String eventId();

  /** When the event happened. */
  Instant occurredAt();

  /** The evaluation this event belongs to; also the Kafka record key. */
  String evaluationId();

  /**
   * The natural key of what the event describes, e.g. {@code evaluationId/variantId/taskId}.
   * Consumers deduplicate on it.
   */
  String naturalKey();
}
