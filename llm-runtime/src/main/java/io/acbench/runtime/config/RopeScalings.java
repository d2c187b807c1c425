package io.acbench.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acbench.runtime.config.ModelConfig.RopeScaling;

/** Reads and writes {@code rope_scaling}: {@code default}, {@code linear} or {@code llama3}. */
final class RopeScalings {

  private static final String PREFIX = "rope_scaling.";

  private RopeScalings() {}

  /** Returns null for an absent scaling and for {@code rope_type: default}, which is a no-op. */
  static RopeScaling parse(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (!node.isObject()) {
      throw new UnsupportedModelException("'rope_scaling' must be a JSON object or null");
    }
    ConfigFields f = new ConfigFields(node, PREFIX);
    String typeField = f.has("rope_type") ? "rope_type" : "type";
    String type = f.requiredString(typeField);
    return switch (type) {
      case "default" -> null;
      case "linear" -> new RopeScaling("linear", positive(f, "factor"), 0, 0, 0);
      case "llama3" -> llama3(f);
      default ->
          throw new UnsupportedModelException(
              f.name(typeField) + " " + type + " is not supported (default, linear, llama3)");
    };
  }

  private static RopeScaling llama3(ConfigFields f) {
    double low = positive(f, "low_freq_factor");
    double high = positive(f, "high_freq_factor");
    if (high <= low) {
      // The smoothing ramp divides by (high - low).
      throw new UnsupportedModelException(
          "'rope_scaling.high_freq_factor' "
              + high
              + " must be greater than 'rope_scaling.low_freq_factor' "
              + low);
    }
    return new RopeScaling(
        "llama3",
        positive(f, "factor"),
        low,
        high,
        f.positiveInt("original_max_position_embeddings"));
  }

  private static double positive(ConfigFields f, String field) {
    double v = f.requiredDouble(field);
    if (!(v > 0)) {
      throw new UnsupportedModelException(f.name(field) + " must be positive, got " + v);
    }
    return v;
  }

  static void write(RopeScaling r, ObjectNode out) {
    out.put("rope_type", r.ropeType());
    out.put("factor", r.factor());
    if (r.ropeType().equals("llama3")) {
      out.put("low_freq_factor", r.lowFreqFactor());
      out.put("high_freq_factor", r.highFreqFactor());
      out.put("original_max_position_embeddings", r.originalMaxPositionEmbeddings());
    }
  }
}
