package io.acbench.contracts.messaging;

import io.acbench.contracts.EventType;
import io.acbench.contracts.events.AcbenchEvent;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents 1.0 attributes in Kafka headers (the Kafka protocol binding's binary mode): the
 * record value is the event's JSON and the attributes travel as {@code ce_*} headers, so Knative,
 * Argo Events and similar tools consume the events unchanged.
 */
public final class CloudEventHeaders {

  public static final String SPEC_VERSION = "1.0";
  public static final String CONTENT_TYPE = "content-type";
  public static final String JSON = "application/json";

  private CloudEventHeaders() {}

  /**
   * The headers for {@code event}.
   *
   * @param source the producing service as a URI reference, e.g. {@code /acbench/gateway}
   */
  public static Headers of(AcbenchEvent event, String source) {
    RecordHeaders headers = new RecordHeaders();
    put(headers, "ce_specversion", SPEC_VERSION);
    put(headers, "ce_id", event.eventId());
    put(headers, "ce_source", source);
    put(headers, "ce_type", EventType.of(event).cloudEventType());
    put(headers, "ce_time", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
    put(headers, "ce_subject", event.naturalKey());
    put(headers, "ce_dataschemaversion", Integer.toString(event.schemaVersion()));
    put(headers, CONTENT_TYPE, JSON);
    return headers;
  }

  /** The value of a header as UTF-8 text, or null when absent. */
  public static String get(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The event type named by {@code ce_type}; fails with a clear message when absent or unknown. */
  public static EventType type(Headers headers) {
    String type = get(headers, "ce_type");
    if (type == null) {
      throw new EventFormatException("missing CloudEvents header ce_type");
    }
    return EventType.ofCloudEventType(type);
  }

  private static void put(Headers headers, String name, String value) {
    headers.add(name, Objects.requireNonNull(value, name).getBytes(StandardCharsets.UTF_8));
  }
}
