package io.acbench.inference.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * vLLM {@code SamplingParams} as sent in the {@code sampling_parameters} input (protocol page
 * §3.2). Null fields are left out so vLLM's defaults apply; values go out as native JSON numbers
 * and booleans (string coercion would turn "false" into true). Keep {@code maxTokens} set: vLLM's
 * default is 16.
 *
 * @param temperature 0 = greedy
 * @param topP nucleus mass in (0, 1]
 * @param topK 0 or -1 = off
 * @param minP in [0, 1]
 * @param seed per-request sampling seed
 * @param maxTokens upper bound on generated tokens, at least 1
 * @param minTokens lower bound before EOS or stop strings count
 * @param stop stop strings
 * @param stopTokenIds stop token ids
 * @param ignoreEos keep generating past EOS
 * @param includeStopStrInOutput keep the matched stop string in the text
 * @param skipSpecialTokens drop special tokens from the text
 * @param presencePenalty in [-2, 2]
 * @param frequencyPenalty in [-2, 2]
 * @param repetitionPenalty greater than 0, 1 = off
 * @param logprobs candidates per generated token returned in {@code logprobs} (-1 = vocabulary)
 */
public record SamplingParameters(
    Double temperature,
    Double topP,
    Integer topK,
    Double minP,
    Long seed,
    Integer maxTokens,
    Integer minTokens,
    List<String> stop,
    List<Integer> stopTokenIds,
    Boolean ignoreEos,
    Boolean includeStopStrInOutput,
    Boolean skipSpecialTokens,
    Double presencePenalty,
    Double frequencyPenalty,
    Double repetitionPenalty,
    Integer logprobs) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public SamplingParameters {
    check(temperature == null || temperature >= 0, "temperature", "must be >= 0");
    check(topP == null || (topP > 0 && topP <= 1), "top_p", "must be in (0, 1]");
    check(topK == null || topK >= -1, "top_k", "must be -1, 0 or positive");
    check(minP == null || (minP >= 0 && minP <= 1), "min_p", "must be in [0, 1]");
    check(maxTokens == null || maxTokens >= 1, "max_tokens", "must be >= 1");
    check(minTokens == null || minTokens >= 0, "min_tokens", "must be >= 0");
    check(
        minTokens == null || maxTokens == null || minTokens <= maxTokens,
        "min_tokens",
        "must be <= max_tokens");
    check(
        presencePenalty == null || Math.abs(presencePenalty) <= 2,
        "presence_penalty",
        "must be in [-2, 2]");
    check(
        frequencyPenalty == null || Math.abs(frequencyPenalty) <= 2,
        "frequency_penalty",
        "must be in [-2, 2]");
    check(repetitionPenalty == null || repetitionPenalty > 0, "repetition_penalty", "must be > 0");
    check(logprobs == null || logprobs >= -1, "logprobs", "must be >= -1");
    stop = stop == null ? null : List.copyOf(stop);
    stopTokenIds = stopTokenIds == null ? null : List.copyOf(stopTokenIds);
  }

  private static void check(boolean ok, String field, String rule) {
    if (!ok) {
      throw new IllegalArgumentException("sampling parameter " + field + " " + rule);
    }
  }

  /** Greedy decoding ({@code temperature 0}) of at most {@code maxTokens} tokens. */
  public static SamplingParameters greedy(int maxTokens) {
    return builder().temperature(0.0).maxTokens(maxTokens).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The JSON object of the {@code sampling_parameters} input, snake_case keys. */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    putIfSet(o, "temperature", temperature);
    putIfSet(o, "top_p", topP);
    putIfSet(o, "top_k", topK);
    putIfSet(o, "min_p", minP);
    putIfSet(o, "seed", seed);
    putIfSet(o, "max_tokens", maxTokens);
    putIfSet(o, "min_tokens", minTokens);
    if (stop != null) {
      ArrayNode a = o.putArray("stop");
      stop.forEach(a::add);
    }
    if (stopTokenIds != null) {
      ArrayNode a = o.putArray("stop_token_ids");
      stopTokenIds.forEach(a::add);
    }
    putIfSet(o, "ignore_eos", ignoreEos);
    putIfSet(o, "include_stop_str_in_output", includeStopStrInOutput);
    putIfSet(o, "skip_special_tokens", skipSpecialTokens);
    putIfSet(o, "presence_penalty", presencePenalty);
    putIfSet(o, "frequency_penalty", frequencyPenalty);
    putIfSet(o, "repetition_penalty", repetitionPenalty);
    putIfSet(o, "logprobs", logprobs);
    return o.toString();
  }

  private static void putIfSet(ObjectNode o, String key, Object v) {
    switch (v) {
      case null -> {}
      case Double d -> o.put(key, d);
      case Integer i -> o.put(key, i);
      case Long l -> o.put(key, l);
      case Boolean b -> o.put(key, b);
      default -> throw new IllegalStateException("unsupported sampling value " + v);
    }
  }

  /** Fluent construction; unset fields stay null (vLLM default). */
  public static final class Builder {
    private Double temperature;
    private Double topP;
    private Integer topK;
    private Double minP;
    private Long seed;
    private Integer maxTokens;
    private Integer minTokens;
    private List<String> stop;
    private List<Integer> stopTokenIds;
    private Boolean ignoreEos;
    private Boolean includeStopStrInOutput;
    private Boolean skipSpecialTokens;
    private Double presencePenalty;
    private Double frequencyPenalty;
    private Double repetitionPenalty;
    private Integer logprobs;

    public Builder temperature(double v) {
      temperature = v;
      return this;
    }

    public Builder topP(double v) {
      topP = v;
      return this;
    }

    public Builder topK(int v) {
      topK = v;
      return this;
    }

    public Builder minP(double v) {
      minP = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder maxTokens(int v) {
      maxTokens = v;
      return this;
    }

    public Builder minTokens(int v) {
      minTokens = v;
      return this;
    }

    public Builder stop(List<String> v) {
      stop = v;
      return this;
    }

    public Builder stopTokenIds(List<Integer> v) {
      stopTokenIds = v;
      return this;
    }

    public Builder ignoreEos(boolean v) {
      ignoreEos = v;
      return this;
    }

    public Builder includeStopStrInOutput(boolean v) {
      includeStopStrInOutput = v;
      return this;
    }

    public Builder skipSpecialTokens(boolean v) {
      skipSpecialTokens = v;
      return this;
    }

    public Builder presencePenalty(double v) {
      presencePenalty = v;
      return this;
    }

    public Builder frequencyPenalty(double v) {
      frequencyPenalty = v;
      return this;
    }

    public Builder repetitionPenalty(double v) {
      repetitionPenalty = v;
      return this;
    }

    public Builder logprobs(int v) {
      logprobs = v;
      return this;
    }

    public SamplingParameters build() {
      return new SamplingParameters(
          temperature,
          topP,
          topK,
          minP,
          seed,
          maxTokens,
          minTokens,
          stop,
          stopTokenIds,
          ignoreEos,
          includeStopStrInOutput,
          skipSpecialTokens,
          presencePenalty,
          frequencyPenalty,
          repetitionPenalty,
          logprobs);
    }
  }
}
