package io.acbench.taskrunner.inference;

import io.acbench.inference.client.GenerationRequest;
import io.acbench.inference.client.GenerationResult;
import io.acbench.inference.client.SamplingParameters;
import io.acbench.inference.client.TritonClient;
import io.acbench.inference.client.TritonException;
import io.acbench.tasksuite.task.SamplingParams;
import java.util.concurrent.CompletionException;

/**
 * {@link InferenceBackend} over {@link TritonClient}: one streaming {@code ModelStreamInfer} call
 * per generation (Triton with the vLLM backend, or the project's inference-server), completion
 * only, with token counts. Retries and deadlines are the client's.
 */
public final class TritonInferenceBackend implements InferenceBackend {

  private final TritonClient client;

  public TritonInferenceBackend(TritonClient client) {
    this.client = client;
  }

  @Override
  public Generation generate(String model, String prompt, SamplingParams sampling) {
    long start = System.nanoTime();
    GenerationResult result;
    try {
      result =
          client
              .generateAsync(GenerationRequest.streaming(model, prompt, toClient(sampling)))
              .join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String reason =
          cause instanceof TritonException t
              ? t.code() + " from " + t.rpc() + ": " + t.serverMessage()
              : String.valueOf(cause.getMessage());
      throw new InferenceException("generation on model '" + model + "' failed: " + reason, cause);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Generation(
        result.text(),
        (int) Math.max(0, result.numInputTokens()),
        (int) Math.max(0, result.numOutputTokens()),
        millis);
  }

  /** The task's decoding settings as the client's vLLM sampling parameters. */
  static SamplingParameters toClient(SamplingParams s) {
    SamplingParameters.Builder b =
        SamplingParameters.builder().temperature(s.temperature()).maxTokens(s.maxTokens());
    if (s.topP() != null) {
      b.topP(s.topP());
    }
    if (s.topK() != null) {
      b.topK(s.topK());
    }
    if (s.repetitionPenalty() != null) {
      b.repetitionPenalty(s.repetitionPenalty());
    }
    if (!s.stop().isEmpty()) {
      b.stop(s.stop());
    }
    if (!s.stopTokenIds().isEmpty()) {
      b.stopTokenIds(s.stopTokenIds());
    }
    return b.build();
  }
}
