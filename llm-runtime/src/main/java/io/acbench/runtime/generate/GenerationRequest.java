package io.acbench.runtime.generate;

import io.acbench.runtime.sampling.SamplingParams;

/**
 * One completion to generate.
 *
 * @param id caller-chosen key, unique among the requests of a batch
 * @param promptTokenIds the prompt, already tokenized (special tokens included)
 * @param params sampling and stopping
 */
public record GenerationRequest(String id, int[] promptTokenIds, SamplingParams params) {

  public GenerationRequest {
    if (id == null || promptTokenIds == null || params == null) {
      throw new IllegalArgumentException("id, promptTokenIds and params are required");
    }
    if (promptTokenIds.length == 0) {
      throw new IllegalArgumentException("request " + id + " has an empty prompt");
    }
    promptTokenIds = promptTokenIds.clone();
  }
}
