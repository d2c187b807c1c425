package io.acbench.metrics.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.TreeMap;

/** JSON columns: maps written with sorted keys, so equal content gives equal text. */
public final class StoreJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private StoreJson() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value instanceof Map<?, ?> m ? new TreeMap<>(m) : value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON unreadable: " + e.getOriginalMessage(), e);
    }
  }

  public static Map<String, Double> readDoubles(String json) {
    return json == null ? Map.of() : read(json, new TypeReference<TreeMap<String, Double>>() {});
  }

  public static Map<String, String> readStrings(String json) {
    return json == null ? Map.of() : read(json, new TypeReference<TreeMap<String, String>>() {});
  }
}
