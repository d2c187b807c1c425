package io.acbench.taskrunner.inference;

import io.acbench.tasksuite.task.SamplingParams;

/** Generates text with a served model; implementations are safe for concurrent calls. */
public interface InferenceBackend {

  /**
   * Runs one generation to completion.
   *
   * @param model the name under which the backend serves the model
   * @param prompt the rendered prompt
   * @throws InferenceException when the backend fails the request
   */
  Generation generate(String model, String prompt, SamplingParams sampling);
}
