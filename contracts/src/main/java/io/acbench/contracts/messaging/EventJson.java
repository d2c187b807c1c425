package io.acbench.contracts.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.acbench.contracts.EventType;
import io.acbench.contracts.events.AcbenchEvent;

/**
 * The JSON form of events. Unknown fields (from a newer schema version) are ignored; a missing or
 * malformed required field fails with an {@link EventFormatException} naming the event type and the
 * field.
 */
public final class EventJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private EventJson() {}

  /** The event as a JSON object. */
  public static String write(AcbenchEvent event) {
    try {
      return MAPPER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
    }
  }

  /** Reads an event of a known class. */
  public static <T extends AcbenchEvent> T read(String json, Class<T> type) {
    if (json == null || json.isBlank()) {
      throw new EventFormatException(EventType.of(type).topic() + ": empty payload");
    }
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new EventFormatException(describe(EventType.of(type).topic(), e), e);
    }
  }

  private static String describe(String topic, JsonProcessingException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String path =
        e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
            ? " at field '" + m.getPathReference().replaceAll(".*\\[\"|\"\\]", "") + "'"
            : "";
    String reason;
    if (root instanceof NullPointerException) {
      reason = "missing field " + root.getMessage();
    } else if (e.getOriginalMessage().startsWith("Cannot map `null`")) {
      reason = "missing field";
    } else {
      reason = e.getOriginalMessage();
    }
    return topic + ": malformed event" + path + ": " + reason;
  }
}
