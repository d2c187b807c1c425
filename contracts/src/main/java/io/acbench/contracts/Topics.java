package io.acbench.contracts;

import java.util.List;

/**
 * Kafka topic names. The channel name in each service's configuration, the topic name and the
 * constant are the same string. Dead letters of topic {@code T} go to {@code T + DLQ_SUFFIX}.
 */
public final class Topics {

  public static final String EVALUATION_REQUESTED = "acbench.evaluation.requested";
  public static final String COMPRESSION_PROGRESS = "acbench.compression.progress";
  public static final String MODEL_READY = "acbench.model.ready";
  public static final String COMPRESSION_FAILED = "acbench.compression.failed";
  public static final String SAMPLE_COMPLETED = "acbench.sample.completed";
  public static final String PROBE_COMPLETED = "acbench.probe.completed";
  public static final String TASK_COMPLETED = "acbench.task.completed";
  public static final String TASK_SCORED = "acbench.task.scored";
  public static final String EVALUATION_COMPLETED = "acbench.evaluation.completed";

  /** Suffix of the dead-letter topic of every topic. */
  public static final String DLQ_SUFFIX = ".dlq";

  /** Every event topic, in pipeline order. */
  public static final List<String> ALL =
      List.of(
          EVALUATION_REQUESTED,
          COMPRESSION_PROGRESS,
          MODEL_READY,
          COMPRESSION_FAILED,
          SAMPLE_COMPLETED,
          PROBE_COMPLETED,
          TASK_COMPLETED,
          TASK_SCORED,
          EVALUATION_COMPLETED);

  private Topics() {}

  /** The dead-letter topic of {@code topic}. */
  public static String deadLetterTopic(String topic) {
    return topic + DLQ_SUFFIX;
  }
}
