package io.acbench.inference.client;

import static io.acbench.inference.client.VllmContract.*;

import io.acbench.contracts.grpc.inference.InferParameter;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import java.util.Objects;

/**
 * One generation for a vLLM-backend model (protocol page §3.1). The optional inputs are sent only
 * when switched on: a server older than r24.12 rejects inputs it does not declare, and the backend
 * rejects {@code exclude_input_in_output=false} when streaming.
 *
 * @param modelName the model
 * @param modelVersion the version, empty = the server's choice
 * @param prompt the prompt text (UTF-8)
 * @param sampling the sampling parameters (never null; set maxTokens)
 * @param stream true = one delta response per decode step
 * @param excludeInputInOutput for non-streaming calls, return only the completion
 * @param returnFinishReason ask for {@code finish_reason}
 * @param returnCumulativeLogprob ask for {@code cumulative_logprob} (needs sampling logprobs >= 1)
 * @param returnLogprobs ask for {@code logprobs} (needs sampling logprobs >= 0)
 * @param returnNumInputTokens ask for {@code num_input_tokens}
 * @param returnNumOutputTokens ask for {@code num_output_tokens}
 */
public record GenerationRequest(
    String modelName,
    String modelVersion,
    String prompt,
    SamplingParameters sampling,
    boolean stream,
    boolean excludeInputInOutput,
    boolean returnFinishReason,
    boolean returnCumulativeLogprob,
    boolean returnLogprobs,
    boolean returnNumInputTokens,
    boolean returnNumOutputTokens) {

  public GenerationRequest {
    if (modelName == null || modelName.isBlank()) {
      throw new IllegalArgumentException("modelName must not be blank");
    }
    modelVersion = modelVersion == null ? "" : modelVersion;
    if (!modelVersion.isEmpty() && !modelVersion.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "modelVersion must be empty or a decimal integer, got '" + modelVersion + "'");
    }
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(sampling, "sampling");
  }

  /**
   * A streaming request that returns only the completion together with finish reason and token
   * counts (the task runner's usual call).
   */
  public static GenerationRequest streaming(
      String modelName, String prompt, SamplingParameters sampling) {
    return new GenerationRequest(
        modelName, "", prompt, sampling, true, true, true, false, false, true, true);
  }

  /** The same request with {@code logprobs} (and the cumulative log-probability) requested. */
  public GenerationRequest withLogprobs() {
    return new GenerationRequest(
        modelName,
        modelVersion,
        prompt,
        sampling,
        stream,
        excludeInputInOutput,
        returnFinishReason,
        true,
        true,
        returnNumInputTokens,
        returnNumOutputTokens);
  }

  public GenerationRequest withStream(boolean on) {
    return new GenerationRequest(
        modelName,
        modelVersion,
        prompt,
        sampling,
        on,
        excludeInputInOutput,
        returnFinishReason,
        returnCumulativeLogprob,
        returnLogprobs,
        returnNumInputTokens,
        returnNumOutputTokens);
  }

  /** The ModelInferRequest of §2.3 step 2: inputs in raw form, empty final responses enabled. */
  ModelInferRequest toProto(String requestId) {
    ModelInferRequest.Builder b =
        ModelInferRequest.newBuilder()
            .setModelName(modelName)
            .setModelVersion(modelVersion)
            .setId(requestId)
            .putParameters(
                ENABLE_EMPTY_FINAL_RESPONSE,
                InferParameter.newBuilder().setBoolParam(true).build());
    InputTensor.string(TEXT_INPUT, prompt).addTo(b);
    InputTensor.bool(STREAM, stream).addTo(b);
    InputTensor.string(SAMPLING_PARAMETERS, sampling.toJson()).addTo(b);
    addFlag(b, EXCLUDE_INPUT_IN_OUTPUT, excludeInputInOutput);
    addFlag(b, RETURN_FINISH_REASON, returnFinishReason);
    addFlag(b, RETURN_CUMULATIVE_LOGPROB, returnCumulativeLogprob);
    addFlag(b, RETURN_LOGPROBS, returnLogprobs);
    addFlag(b, RETURN_NUM_INPUT_TOKENS, returnNumInputTokens);
    addFlag(b, RETURN_NUM_OUTPUT_TOKENS, returnNumOutputTokens);
    return b.build();
  }

  private static void addFlag(ModelInferRequest.Builder b, String name, boolean on) {
    if (on) {
      InputTensor.bool(name, true).addTo(b);
    }
  }
}
