package io.acbench.tasksuite.task;

import java.util.List;

/**
 * A runnable task: a dataset rendered into prompts, decoding settings, an output parser and the
 * scorer family (the task id's prefix) that metrics-service applies.
 *
 * @param taskId e.g. {@code worfbench/os}
 * @param scorerFamily e.g. {@code worfbench}
 * @param datasetName the dataset file
 * @param datasetDigest sha256 of the dataset file
 */
public record TaskSpec(
    String taskId,
    String scorerFamily,
    String datasetName,
    String datasetDigest,
    List<PreparedSample> samples,
    SamplingParams sampling,
    OutputParser parser) {

  public TaskSpec {
    samples = List.copyOf(samples);
  }
}
