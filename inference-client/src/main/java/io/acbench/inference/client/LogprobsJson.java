package io.acbench.inference.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Parses the vLLM backend's {@code logprobs} element: a JSON array with one object per generated
 * position, each mapping a token id (string key) to {@code {"logprob", "rank", "decoded_token"}};
 * or the literal {@code null} when logprobs were not requested. Python's json writes -inf as {@code
 * -Infinity}, which is accepted.
 */
final class LogprobsJson {

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private LogprobsJson() {}

  /** Positions in order; candidates of a position in the JSON's key order. */
  static List<List<TokenLogprob>> parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("logprobs output is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException("logprobs output must be a JSON array or null");
    }
    List<List<TokenLogprob>> positions = new ArrayList<>(root.size());
    for (JsonNode position : root) {
      if (!position.isObject()) {
        throw new IllegalArgumentException("logprobs position must be a JSON object: " + position);
      }
      List<TokenLogprob> candidates = new ArrayList<>(position.size());
      for (Iterator<Map.Entry<String, JsonNode>> it = position.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        candidates.add(candidate(e.getKey(), e.getValue()));
      }
      positions.add(List.copyOf(candidates));
    }
    return positions;
  }

  private static TokenLogprob candidate(String key, JsonNode v) {
    int id;
    try {
      id = Integer.parseInt(key);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("logprobs key must be a token id, got '" + key + "'");
    }
    JsonNode lp = v.get("logprob");
    if (lp == null || !lp.isNumber()) {
      throw new IllegalArgumentException("logprobs entry for token " + id + " lacks a logprob");
    }
    JsonNode rank = v.get("rank");
    JsonNode text = v.get("decoded_token");
    return new TokenLogprob(
        id,
        lp.asDouble(),
        rank == null || rank.isNull() ? -1 : rank.asInt(),
        text == null || text.isNull() ? null : text.asText());
  }
}
