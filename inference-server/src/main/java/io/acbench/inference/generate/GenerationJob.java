package io.acbench.inference.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acbench.contracts.grpc.inference.InferParameter;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.contracts.grpc.inference.ModelStreamInferResponse;
import io.acbench.inference.probe.LogitMath;
import io.acbench.inference.stats.ModelStats;
import io.acbench.inference.tensor.OutputTensors;
import io.acbench.runtime.generate.GenerationRequest;
import io.acbench.runtime.generate.StepOutput;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One vLLM-contract request in flight: turns the scheduler's step outputs into stream responses
 * (§2.2): per-step deltas when streaming, one FINAL response with the whole text otherwise.
 */
public final class GenerationJob {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the job's responses go. */
  public interface Sink {
    void send(ModelStreamInferResponse response);

    /** Called once, after the job's last response (or when it was cancelled). */
    void finished(GenerationJob job);
  }

  /** The request's output switches ({@code return_*}, {@code exclude_input_in_output}). */
  public record Options(
      boolean stream,
      boolean excludeInput,
      boolean finishReason,
      boolean cumulativeLogprob,
      boolean logprobs,
      boolean numInputTokens,
      boolean numOutputTokens) {}

  private final GenerationRequest request;
  private final String requestId;
  private final String model;
  private final String version;
  private final String prompt;
  private final Options options;
  private final int topLogprobs;
  private final IntFunction<String> tokenText;
  private final Sink sink;
  private final ModelStats stats;
  private final long created = System.nanoTime();
  private long last = created;
  private int responses;
  private final StringBuilder text = new StringBuilder();
  private final ArrayNode logprobEntries = JSON.createArrayNode();
  private int generated;
  private double cumulative;
  private volatile long cancelSignalStep = -1;
  private volatile long removedAtStep = -1;

  public GenerationJob(
      GenerationRequest request,
      String requestId,
      String model,
      String version,
      String prompt,
      Options options,
      int topLogprobs,
      IntFunction<String> tokenText,
      Sink sink,
      ModelStats stats) {
    this.request = request;
    this.requestId = requestId;
    this.model = model;
    this.version = version;
    this.prompt = prompt;
    this.options = options;
    this.topLogprobs = topLogprobs;
    this.tokenText = tokenText;
    this.sink = sink;
    this.stats = stats;
  }

  public GenerationRequest request() {
    return request;
  }

  public String requestId() {
    return requestId;
  }

  /** Whether this job needs the logits of its steps. */
  boolean needsLogits() {
    return options.cumulativeLogprob() || (options.logprobs() && topLogprobs >= 0);
  }

  /** Tokens generated so far. */
  public int generated() {
    return generated;
  }

  /** The scheduler step count when the client's cancellation reached the server, or -1. */
  public long cancelSignalStep() {
    return cancelSignalStep;
  }

  /** The scheduler step count when the job left the batch after a cancellation, or -1. */
  public long removedAtStep() {
    return removedAtStep;
  }

  void markCancelSignal(long step) {
    cancelSignalStep = step;
  }

  /** Handles the output of one step; {@code logits} is its (vocab) row or null. */
  void onStep(StepOutput out, float[] logits, int offset, int vocab) {
    long now = System.nanoTime();
    if (generated == 0) {
      stats.queued(now - created);
    }
    generated++;
    ObjectNode entry = null;
    if (logits != null) {
      double lse = LogitMath.logSumExp(logits, offset, vocab);
      cumulative += logits[offset + out.tokenId()] - lse;
      if (options.logprobs() && topLogprobs >= 0) {
        entry = logprobEntry(out.tokenId(), logits, offset, vocab, lse);
      }
    }
    if (options.stream()) {
      ArrayNode entries = JSON.createArrayNode();
      if (entry != null) {
        entries.add(entry);
      }
      send(out.textDelta(), 1, out, entries, out.finished());
    } else {
      text.append(out.textDelta());
      if (entry != null) {
        logprobEntries.add(entry);
      }
      if (out.finished()) {
        String full = options.excludeInput() ? text.toString() : prompt + text;
        send(full, generated, out, logprobEntries, true);
      }
    }
    if (out.finished()) {
      stats.succeeded(System.nanoTime() - created);
      sink.finished(this);
    }
  }

  /** Ends the request with an in-stream error flagged FINAL ("Error generating stream: …"). */
  void fail(String message) {
    ModelInferResponse.Builder r = base(true);
    sink.send(
        ModelStreamInferResponse.newBuilder().setErrorMessage(message).setInferResponse(r).build());
    stats.failed(System.nanoTime() - created);
    sink.finished(this);
  }

  /** The job left the batch because its call was cancelled; nothing more is sent. */
  void cancelled(long step) {
    removedAtStep = step;
    stats.cancelled(responses, System.nanoTime() - last);
    stats.failed(System.nanoTime() - created);
    sink.finished(this);
  }

  private void send(String delta, int tokens, StepOutput out, ArrayNode entries, boolean fin) {
    long t0 = System.nanoTime();
    ModelInferResponse.Builder r = base(fin);
    long[] one = {1};
    OutputTensors.addStrings(r, "text_output", one, List.of(delta));
    if (options.finishReason()) {
      String reason = out.finishReason() == null ? "None" : out.finishReason().wireName();
      OutputTensors.addStrings(r, "finish_reason", one, List.of(reason));
    }
    if (options.cumulativeLogprob()) {
      OutputTensors.addFloats(r, "cumulative_logprob", one, new float[] {(float) cumulative});
    }
    if (options.logprobs()) {
      String json = topLogprobs < 0 ? "null" : entries.toString();
      OutputTensors.addStrings(r, "logprobs", one, List.of(json));
    }
    if (options.numInputTokens()) {
      OutputTensors.addUints(r, "num_input_tokens", one, new int[] {out.promptTokens()});
    }
    if (options.numOutputTokens()) {
      OutputTensors.addUints(r, "num_output_tokens", one, new int[] {tokens});
    }
    sink.send(ModelStreamInferResponse.newBuilder().setInferResponse(r).build());
    long now = System.nanoTime();
    stats.outputEncoded(now - t0);
    stats.response(responses++, now - last, false);
    last = now;
  }

  private ModelInferResponse.Builder base(boolean fin) {
    return ModelInferResponse.newBuilder()
        .setModelName(model)
        .setModelVersion(version)
        .setId(requestId)
        .putParameters(
            "triton_final_response", InferParameter.newBuilder().setBoolParam(fin).build());
  }

  /**
   * vLLM's per-position logprobs object: the {@code topLogprobs} best tokens and the sampled one,
   * each {@code {"logprob", "rank", "decoded_token"}}; rank 1 is the most likely token.
   */
  private ObjectNode logprobEntry(int sampled, float[] logits, int offset, int vocab, double lse) {
    ObjectNode entry = JSON.createObjectNode();
    int[] top = LogitMath.topK(logits, offset, vocab, topLogprobs);
    for (int i = 0; i < top.length; i++) {
      entry.set(String.valueOf(top[i]), candidate(top[i], logits[offset + top[i]] - lse, i + 1));
    }
    if (!entry.has(String.valueOf(sampled))) {
      int rank = LogitMath.rank(logits, offset, vocab, sampled);
      entry.set(String.valueOf(sampled), candidate(sampled, logits[offset + sampled] - lse, rank));
    }
    return entry;
  }

  private ObjectNode candidate(int token, double logprob, int rank) {
    ObjectNode c = JSON.createObjectNode();
    c.put("logprob", logprob);
    c.put("rank", rank);
    c.put("decoded_token", tokenText.apply(token));
    return c;
  }
}
