package io.acbench.inference.client;

import java.time.Duration;
import java.util.List;

/**
 * A finished generation: the concatenated text and the accumulated outputs.
 *
 * @param requestId the request id
 * @param modelName the model
 * @param text all text deltas concatenated (for non-streaming calls the one text)
 * @param numInputTokens prompt tokens, -1 when not reported
 * @param numOutputTokens generated tokens (sum of the per-response counts), -1 when not reported
 * @param finishReason the last reported finish reason ({@code stop}, {@code length}, ...), or null
 * @param cumulativeLogprob the last reported cumulative log-probability, NaN when not reported
 * @param logprobs per generated position, its candidates (§3.3), empty when not requested
 * @param dataResponses data responses received (empty final responses not counted)
 * @param timeToFirstResponse from sending the request to the first data response; null if none
 */
public record GenerationResult(
    String requestId,
    String modelName,
    String text,
    long numInputTokens,
    long numOutputTokens,
    String finishReason,
    double cumulativeLogprob,
    List<List<TokenLogprob>> logprobs,
    int dataResponses,
    Duration timeToFirstResponse) {

  public GenerationResult {
    logprobs = List.copyOf(logprobs);
  }
}
