package io.acbench.metrics.scorers.worfbench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code reference} JSON of a WorfBench sample: {@code {"gold": "<last assistant message>",
 * "source": "os", "id": "os_1"}}; {@code gold} is required, the others are optional.
 *
 * @param gold the gold workflow text, verbatim
 * @param source the scenario, or null
 * @param id the record id, or null
 */
public record WorfBenchReference(String gold, String source, String id) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads the reference.
   *
   * @throws IllegalArgumentException naming the field when the text is not JSON or {@code gold} is
   *     missing or not a string
   */
  public static WorfBenchReference parse(String json) {
    JsonNode root;
    try {
      root = json == null ? null : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("reference: not JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("reference: must be a JSON object");
    }
    JsonNode gold = root.get("gold");
    if (gold == null || !gold.isTextual()) {
      throw new IllegalArgumentException(
          "reference.gold: required string (the record's last assistant message)");
    }
    return new WorfBenchReference(gold.asText(), text(root, "source"), text(root, "id"));
  }

  private static String text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
