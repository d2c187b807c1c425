package io.acbench.metrics.scorers.teval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * The {@code reference} JSON of a T-Eval sample: the dataset record's value object without {@code
 * origin_prompt} ({@code ground_truth}, {@code meta_data}, {@code template}, {@code meta}), fields
 * verbatim.
 *
 * @param root the whole object, as maps, lists and scalars
 */
public record TevalReference(Map<String, Object> root) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads the reference.
   *
   * @throws IllegalArgumentException when it is not a JSON object or has no {@code ground_truth}
   */
  @SuppressWarnings("unchecked")
  public static TevalReference parse(String json) {
    Object v;
    try {
      v = json == null ? null : JSON.readValue(json, Object.class);
    } catch (Exception e) {
      throw new IllegalArgumentException("reference: not JSON (" + e.getMessage() + ")");
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("reference: must be a JSON object");
    }
    if (!m.containsKey("ground_truth")) {
      throw new IllegalArgumentException("reference.ground_truth: required");
    }
    return new TevalReference((Map<String, Object>) m);
  }

  /** {@code ground_truth}: an object, a list, or text still to be loaded. */
  public Object groundTruth() {
    return root.get("ground_truth");
  }

  /** {@code meta_data.response_format}, or null. */
  public String responseFormat() {
    return root.get("meta_data") instanceof Map<?, ?> md
            && md.get("response_format") instanceof String s
        ? s
        : null;
  }

  /** {@code meta.prompt_type}, or null. */
  public String promptType() {
    return root.get("meta") instanceof Map<?, ?> meta && meta.get("prompt_type") instanceof String s
        ? s
        : null;
  }

  /**
   * {@code template} as a map.
   *
   * @throws IllegalArgumentException when absent
   */
  public Map<?, ?> template() {
    if (root.get("template") instanceof Map<?, ?> t) {
      return t;
    }
    throw new IllegalArgumentException("reference.template: required object for instruct");
  }

  /**
   * {@code meta.API_list} as names (strings, or objects' {@code name}).
   *
   * @throws IllegalArgumentException when absent
   */
  public List<String> apiList() {
    if (root.get("meta") instanceof Map<?, ?> meta && meta.get("API_list") instanceof List<?> l) {
      return l.stream()
          .map(x -> x instanceof Map<?, ?> api ? PyValues.str(api.get("name")) : PyValues.str(x))
          .toList();
    }
    throw new IllegalArgumentException("reference.meta.API_list: required list for plan_str");
  }

  /**
   * ground_truth loaded like {@code format_load(gt, start, end)}: objects and lists as they are,
   * text parsed; null when the text does not parse.
   */
  public Object loadedGroundTruth(String start, String end) {
    Object gt = groundTruth();
    if (gt instanceof String s) {
      Object v = FormatLoader.load(s, start, end).orElse(null);
      return v instanceof FormatLoader.NullValue ? null : v;
    }
    return gt;
  }
}
