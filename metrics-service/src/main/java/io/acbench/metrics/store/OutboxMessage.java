package io.acbench.metrics.store;

import io.acbench.contracts.EventType;
import io.acbench.contracts.events.AcbenchEvent;
import io.acbench.contracts.messaging.EventJson;
import java.time.Instant;

/**
 * An event waiting in (or read from) the outbox table.
 *
 * @param seq position in the outbox, assigned by the database (null before it is stored)
 * @param topic the topic it goes to
 * @param key the record key (the evaluation id)
 * @param payload the event as JSON
 * @param sentAt when the relay published it, null while unsent
 */
public record OutboxMessage(
    Long seq,
    String eventId,
    String topic,
    String key,
    String payload,
    Instant createdAt,
    Instant sentAt) {

  /** The unsent outbox message of {@code event}. */
  public static OutboxMessage of(AcbenchEvent event) {
    return new OutboxMessage(
        null,
        event.eventId(),
        EventType.of(event).topic(),
        event.evaluationId(),
        EventJson.write(event),
        event.occurredAt(),
        null);
  }

  /** The event this message carries. */
  public AcbenchEvent event() {
    return EventJson.read(payload, EventType.ofCloudEventType(topic).eventClass());
  }
}
