package io.acbench.tasksuite.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** One JSON mapper for the task runner; {@link #canonical} sorts object keys. */
public final class Json {

  public static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private Json() {}

  /**
   * Parses a dataset file's bytes into a tree.
   *
   * @param file the file name used in error messages
   * @throws DatasetFormatException naming the file and the line and column of a syntax error
   */
  static JsonNode readDatasetFile(String file, byte[] content) {
    try {
      return MAPPER.readTree(content);
    } catch (JsonProcessingException e) {
      throw new DatasetFormatException(
          file
              + ": not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (java.io.IOException e) {
      throw new DatasetFormatException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** Compact JSON text of a tree or value, object keys sorted, so equal values give equal text. */
  public static String canonical(Object value) {
    try {
      JsonNode tree = MAPPER.valueToTree(value);
      return MAPPER.writeValueAsString(MAPPER.treeToValue(tree, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
