package io.acbench.tasksuite.task;

import io.acbench.tasksuite.dataset.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoding settings of a task (benchmark-spec §1.4), sent as vLLM {@code sampling_parameters}.
 *
 * @param temperature 0 is greedy
 * @param topP nucleus mass, or null for the backend default
 * @param topK top-k, or null for the backend default
 * @param repetitionPenalty or null for the backend default
 * @param maxTokens new tokens at most
 * @param stop stop strings; output is cut before the first one
 * @param stopTokenIds token ids that end generation
 */
public record SamplingParams(
    double temperature,
    Double topP,
    Integer topK,
    Double repetitionPenalty,
    int maxTokens,
    List<String> stop,
    List<Integer> stopTokenIds) {

  public SamplingParams {
    stop = List.copyOf(stop);
    stopTokenIds = List.copyOf(stopTokenIds);
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
    }
  }

  /** The vLLM SamplingParams keys with native JSON types; unset values are left out. */
  public Map<String, Object> toVllm() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("temperature", temperature);
    if (topP != null) {
      m.put("top_p", topP);
    }
    if (topK != null) {
      m.put("top_k", topK);
    }
    if (repetitionPenalty != null) {
      m.put("repetition_penalty", repetitionPenalty);
    }
    m.put("max_tokens", maxTokens);
    if (!stop.isEmpty()) {
      m.put("stop", stop);
    }
    if (!stopTokenIds.isEmpty()) {
      m.put("stop_token_ids", stopTokenIds);
    }
    return m;
  }

  /** {@link #toVllm()} as canonical JSON (sorted keys): part of the output cache key. */
  public String toJson() {
    return Json.canonical(toVllm());
  }

  /**
   * Applies the stop rule to a completion: cut before the earliest stop string (vLLM excludes the
   * stop string from the output, so applying it again is harmless).
   */
  public String applyStops(String text) {
    int cut = text.length();
    for (String s : stop) {
      int at = text.indexOf(s);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return text.substring(0, cut);
  }
}
