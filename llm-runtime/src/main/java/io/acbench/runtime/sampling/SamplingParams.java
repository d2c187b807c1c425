package io.acbench.runtime.sampling;

import java.util.List;

/**
 * How one request samples and when it stops, with vLLM's meanings.
 *
 * @param temperature logits are divided by it; 0 means greedy (argmax)
 * @param topK keep the k most likely tokens; 0 or negative disables it
 * @param topP keep the smallest most-likely set whose probability reaches topP; 1 disables it
 * @param seed seed of the request's own random generator
 * @param maxTokens most tokens to generate
 * @param stop strings that end generation when they appear in the text (removed from the output)
 * @param stopTokenIds token ids that end generation (not added to the output)
 * @param ignoreEos keep generating past end-of-sequence tokens
 */
public record SamplingParams(
    double temperature,
    int topK,
    double topP,
    long seed,
    int maxTokens,
    List<String> stop,
    List<Integer> stopTokenIds,
    boolean ignoreEos) {

  public SamplingParams {
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max_tokens must be at least 1, got " + maxTokens);
    }
    stop = List.copyOf(stop);
    for (String s : stop) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("stop strings must not be empty");
      }
    }
    stopTokenIds = List.copyOf(stopTokenIds);
  }

  /** Greedy decoding of up to {@code maxTokens} tokens, no stop strings. */
  public static SamplingParams greedy(int maxTokens) {
    return new SamplingParams(0, 0, 1, 0, maxTokens, List.of(), List.of(), false);
  }

  /** Whether sampling is deterministic argmax. */
  public boolean isGreedy() {
    return temperature == 0;
  }

  public SamplingParams withTemperature(double t) {
    return new SamplingParams(t, topK, topP, seed, maxTokens, stop, stopTokenIds, ignoreEos);
  }

  public SamplingParams withTopK(int k) {
    return new SamplingParams(temperature, k, topP, seed, maxTokens, stop, stopTokenIds, ignoreEos);
  }

  public SamplingParams withTopP(double p) {
    return new SamplingParams(temperature, topK, p, seed, maxTokens, stop, stopTokenIds, ignoreEos);
  }

  public SamplingParams withSeed(long s) {
    return new SamplingParams(temperature, topK, topP, s, maxTokens, stop, stopTokenIds, ignoreEos);
  }

  public SamplingParams withMaxTokens(int n) {
    return new SamplingParams(temperature, topK, topP, seed, n, stop, stopTokenIds, ignoreEos);
  }

  public SamplingParams withStop(List<String> s) {
    return new SamplingParams(temperature, topK, topP, seed, maxTokens, s, stopTokenIds, ignoreEos);
  }

  public SamplingParams withStopTokenIds(List<Integer> ids) {
    return new SamplingParams(temperature, topK, topP, seed, maxTokens, stop, ids, ignoreEos);
  }

  public SamplingParams withIgnoreEos(boolean ignore) {
    return new SamplingParams(temperature, topK, topP, seed, maxTokens, stop, stopTokenIds, ignore);
  }
}
