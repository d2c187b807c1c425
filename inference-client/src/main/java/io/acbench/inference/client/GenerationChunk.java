package io.acbench.inference.client;

import java.util.List;

/**
 * One data response of a generation: with {@code stream=true} the delta since the previous one,
 * otherwise the whole output. Absent outputs read as null, -1 or NaN.
 *
 * @param requestId the request id echoed by the server
 * @param text {@code text_output} element 0 (delta), empty when absent
 * @param logprobs {@code logprobs} of the positions in this response, empty when absent
 * @param numInputTokens {@code num_input_tokens}, -1 when absent
 * @param numOutputTokens {@code num_output_tokens} of this response, -1 when absent
 * @param finishReason {@code finish_reason}, null when absent or "None" (unfinished)
 * @param cumulativeLogprob {@code cumulative_logprob}, NaN when absent
 * @param finalResponse whether the response carried {@code triton_final_response=true}
 */
public record GenerationChunk(
    String requestId,
    String text,
    List<List<TokenLogprob>> logprobs,
    long numInputTokens,
    long numOutputTokens,
    String finishReason,
    double cumulativeLogprob,
    boolean finalResponse) {

  public GenerationChunk {
    logprobs = List.copyOf(logprobs);
  }

  /** Decodes the vLLM-backend outputs of one data response by name (§2.3 step 4). */
  static GenerationChunk from(InferResult r, boolean finalResponse) {
    String text = r.output(VllmContract.TEXT_OUTPUT).map(GenerationChunk::first).orElse("");
    String finish = r.output(VllmContract.FINISH_REASON).map(GenerationChunk::first).orElse(null);
    if ("None".equals(finish) || "".equals(finish)) {
      finish = null;
    }
    List<List<TokenLogprob>> logprobs =
        r.output(VllmContract.LOGPROBS)
            .map(GenerationChunk::first)
            .map(LogprobsJson::parse)
            .orElse(List.of());
    return new GenerationChunk(
        r.id(),
        text == null ? "" : text,
        logprobs,
        firstLong(r, VllmContract.NUM_INPUT_TOKENS),
        firstLong(r, VllmContract.NUM_OUTPUT_TOKENS),
        finish,
        r.output(VllmContract.CUMULATIVE_LOGPROB)
            .map(OutputTensor::asFloats)
            .filter(f -> f.length > 0)
            .map(f -> (double) f[0])
            .orElse(Double.NaN),
        finalResponse);
  }

  private static String first(OutputTensor t) {
    List<String> s = t.asStrings();
    return s.isEmpty() ? null : s.get(0);
  }

  private static long firstLong(InferResult r, String name) {
    return r.output(name)
        .map(OutputTensor::asLongs)
        .filter(v -> v.length > 0)
        .map(v -> v[0])
        .orElse(-1L);
  }
}
