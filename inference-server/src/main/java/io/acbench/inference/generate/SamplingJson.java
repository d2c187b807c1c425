package io.acbench.inference.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acbench.runtime.sampling.SamplingParams;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Parses the vLLM {@code sampling_parameters} JSON (kserve-v2-protocol.md §3.2) into {@link
 * SamplingParams}. Keys vLLM knows but this engine cannot honour are refused rather than ignored,
 * so a request never silently samples differently from a real vLLM server.
 */
public final class SamplingJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KNOWN =
      Set.of(
          "n",
          "temperature",
          "top_p",
          "top_k",
          "seed",
          "max_tokens",
          "stop",
          "stop_token_ids",
          "ignore_eos",
          "logprobs",
          "skip_special_tokens");

  /** vLLM keys accepted only at the value that switches them off. */
  private static final Map<String, Double> NEUTRAL =
      Map.of(
          "min_p", 0.0,
          "min_tokens", 0.0,
          "presence_penalty", 0.0,
          "frequency_penalty", 0.0,
          "repetition_penalty", 1.0);

  /**
   * The parsed request.
   *
   * @param logprobs top-k logprobs per generated token, or -1 when not requested
   */
  public record Parsed(SamplingParams params, int logprobs) {}

  private SamplingJson() {}

  /**
   * @param maxLength the model's context limit, the {@code max_tokens: null} meaning
   * @throws IllegalArgumentException naming the key and the rule
   */
  public static Parsed parse(String json, int maxLength) {
    JsonNode root;
    try {
      root = json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "sampling_parameters is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("sampling_parameters must be a JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      if (NEUTRAL.containsKey(key) || "include_stop_str_in_output".equals(key)) {
        boolean neutral =
            field.getValue().isNull()
                || (field.getValue().isNumber()
                    && field.getValue().asDouble() == NEUTRAL.getOrDefault(key, 0.0))
                || (field.getValue().isBoolean() && !field.getValue().asBoolean());
        if (!neutral) {
          throw new IllegalArgumentException(
              "sampling parameter '" + key + "' is only supported at its neutral value");
        }
        continue;
      }
      if (!KNOWN.contains(key)) {
        throw new IllegalArgumentException(
            "sampling parameter '" + key + "' is unknown or not supported by this server");
      }
    }
    if (number(root, "n", 1) != 1) {
      throw new IllegalArgumentException("sampling parameter 'n' must be 1");
    }
    if (!root.path("skip_special_tokens").asBoolean(true)) {
      throw new IllegalArgumentException("sampling parameter 'skip_special_tokens' must be true");
    }
    double temperature = number(root, "temperature", 1.0);
    double topP = number(root, "top_p", 1.0);
    int topK = (int) number(root, "top_k", 0);
    long seed =
        root.hasNonNull("seed")
            ? (long) number(root, "seed", 0)
            : ThreadLocalRandom.current().nextLong();
    int maxTokens =
        root.has("max_tokens") && root.get("max_tokens").isNull()
            ? maxLength
            : (int) number(root, "max_tokens", 16);
    boolean ignoreEos = bool(root, "ignore_eos");
    int logprobs = root.hasNonNull("logprobs") ? (int) number(root, "logprobs", 0) : -1;
    if (root.hasNonNull("logprobs") && logprobs < 0) {
      throw new IllegalArgumentException("sampling parameter 'logprobs' must be >= 0");
    }
    return new Parsed(
        new SamplingParams(
            temperature, topK, topP, seed, maxTokens, stop(root), stopIds(root), ignoreEos),
        logprobs);
  }

  private static double number(JsonNode root, String key, double fallback) {
    JsonNode v = root.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException("sampling parameter '" + key + "' must be a number");
    }
    return v.asDouble();
  }

  private static boolean bool(JsonNode root, String key) {
    JsonNode v = root.get(key);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("sampling parameter '" + key + "' must be a boolean");
    }
    return v.asBoolean();
  }

  private static List<String> stop(JsonNode root) {
    JsonNode v = root.get("stop");
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isTextual()) {
      out.add(v.asText());
      return out;
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException("sampling parameter 'stop' must be a string or a list");
    }
    v.forEach(
        s -> {
          if (!s.isTextual()) {
            throw new IllegalArgumentException("sampling parameter 'stop' must hold strings");
          }
          out.add(s.asText());
        });
    return out;
  }

  private static List<Integer> stopIds(JsonNode root) {
    JsonNode v = root.get("stop_token_ids");
    List<Integer> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException("sampling parameter 'stop_token_ids' must be a list");
    }
    v.forEach(
        s -> {
          if (!s.isInt()) {
            throw new IllegalArgumentException(
                "sampling parameter 'stop_token_ids' must hold integers");
          }
          out.add(s.asInt());
        });
    return out;
  }
}
