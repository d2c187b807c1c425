package io.acbench.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acbench.runtime.config.ModelConfig.QuantizationConfig;
import java.util.Locale;

/** Reads and writes {@code quantization_config} for the GPTQ (v1) and AutoAWQ GEMM formats. */
final class QuantizationConfigs {

  private static final String PREFIX = "quantization_config.";

  private QuantizationConfigs() {}

  static QuantizationConfig parse(JsonNode node) {
    if (!node.isObject()) {
      throw new UnsupportedModelException("'quantization_config' must be a JSON object");
    }
    ConfigFields f = new ConfigFields(node, PREFIX);
    String method = f.requiredString("quant_method").toLowerCase(Locale.ROOT);
    return switch (method) {
      case "gptq" -> gptq(f);
      case "awq" -> awq(f);
      default ->
          throw new UnsupportedModelException(
              "'quantization_config.quant_method' " + method + " is not supported (gptq, awq)");
    };
  }

  private static QuantizationConfig gptq(ConfigFields f) {
    int bits = fourBits(f, f.requiredInt("bits"), "bits");
    int groupSize = groupSize(f, f.requiredInt("group_size"), "group_size");
    String format = f.optionalString("checkpoint_format", "gptq").toLowerCase(Locale.ROOT);
    if (format.equals("gptq_v2")) {
      throw new UnsupportedModelException(
          "'quantization_config.checkpoint_format' gptq_v2 is not supported: it stores zero points"
              + " without the v1 minus-one offset, and this runtime reads only v1 ('gptq')");
    }
    if (!format.equals("gptq")) {
      throw new UnsupportedModelException(
          "'quantization_config.checkpoint_format' " + format + " is not supported (gptq)");
    }
    return new QuantizationConfig(
        "gptq",
        bits,
        groupSize,
        f.optionalBoolean("desc_act", false),
        f.optionalBoolean("sym", true),
        format);
  }

  private static QuantizationConfig awq(ConfigFields f) {
    String bitsField = f.has("bits") ? "bits" : "w_bit";
    int bits = fourBits(f, f.requiredInt(bitsField), bitsField);
    String groupField = f.has("group_size") ? "group_size" : "q_group_size";
    int groupSize = groupSize(f, f.requiredInt(groupField), groupField);
    if (!f.optionalBoolean("zero_point", true)) {
      throw new UnsupportedModelException(
          "'quantization_config.zero_point' false is not supported: the AWQ GEMM format is"
              + " asymmetric and needs zero points");
    }
    String version = f.optionalString("version", "gemm").toLowerCase(Locale.ROOT);
    if (!version.equals("gemm")) {
      throw new UnsupportedModelException(
          "'quantization_config.version' " + version + " is not supported (gemm)");
    }
    return new QuantizationConfig("awq", bits, groupSize, false, false, version);
  }

  private static int fourBits(ConfigFields f, int bits, String field) {
    if (bits != 4) {
      throw new UnsupportedModelException(f.name(field) + " " + bits + " is not supported (4)");
    }
    return bits;
  }

  private static int groupSize(ConfigFields f, int groupSize, String field) {
    if (groupSize != -1 && groupSize <= 0) {
      throw new UnsupportedModelException(
          f.name(field) + " must be -1 or positive, got " + groupSize);
    }
    return groupSize;
  }

  /** Writes the fields vLLM and transformers read for the method. */
  static void write(QuantizationConfig q, ObjectNode out) {
    out.put("quant_method", q.quantMethod());
    out.put("bits", q.bits());
    out.put("group_size", q.groupSize());
    if (q.quantMethod().equals("awq")) {
      out.put("zero_point", true);
      out.put("version", q.version());
      out.putNull("modules_to_not_convert");
    } else {
      out.put("desc_act", q.descAct());
      out.put("sym", q.sym());
      out.put("checkpoint_format", q.version());
    }
  }
}
