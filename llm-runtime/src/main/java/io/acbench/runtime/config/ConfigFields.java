package io.acbench.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed access to the fields of one JSON object of a config, failing with a message that names the
 * field. A JSON null counts as absent.
 */
final class ConfigFields {

  private final JsonNode object;
  private final String prefix;

  /**
   * @param prefix prepended to field names in messages, e.g. {@code quantization_config.}
   */
  ConfigFields(JsonNode object, String prefix) {
    this.object = object;
    this.prefix = prefix;
  }

  boolean has(String field) {
    JsonNode v = object.get(field);
    return v != null && !v.isNull();
  }

  JsonNode node(String field) {
    return has(field) ? object.get(field) : null;
  }

  int requiredInt(String field) {
    if (!has(field)) {
      throw missing(field);
    }
    return intValue(field);
  }

  int positiveInt(String field) {
    int v = requiredInt(field);
    if (v <= 0) {
      throw new UnsupportedModelException(name(field) + " must be positive, got " + v);
    }
    return v;
  }

  int optionalInt(String field, int fallback) {
    return has(field) ? intValue(field) : fallback;
  }

  double optionalDouble(String field, double fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode v = object.get(field);
    if (!v.isNumber()) {
      throw new UnsupportedModelException(name(field) + " must be a number, got " + v);
    }
    return v.doubleValue();
  }

  double requiredDouble(String field) {
    if (!has(field)) {
      throw missing(field);
    }
    return optionalDouble(field, 0);
  }

  boolean optionalBoolean(String field, boolean fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode v = object.get(field);
    if (!v.isBoolean()) {
      throw new UnsupportedModelException(name(field) + " must be true or false, got " + v);
    }
    return v.booleanValue();
  }

  String optionalString(String field, String fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonNode v = object.get(field);
    if (!v.isTextual()) {
      throw new UnsupportedModelException(name(field) + " must be a string, got " + v);
    }
    return v.textValue();
  }

  String requiredString(String field) {
    if (!has(field)) {
      throw missing(field);
    }
    return optionalString(field, null);
  }

  UnsupportedModelException missing(String field) {
    return new UnsupportedModelException("required field " + name(field) + " is missing");
  }

  String name(String field) {
    return "'" + prefix + field + "'";
  }

  private int intValue(String field) {
    JsonNode v = object.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new UnsupportedModelException(name(field) + " must be an integer, got " + v);
    }
    return v.intValue();
  }
}
