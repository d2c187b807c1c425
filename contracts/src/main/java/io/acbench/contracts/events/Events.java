package io.acbench.contracts.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Helpers shared by the event records. */
final class Events {

  private Events() {}

  static String newId() {
    return UUID.randomUUID().toString();
  }

  static void requireEnvelope(
      int schemaVersion, String eventId, Instant occurredAt, String evaluationId) {
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be >= 1, was " + schemaVersion);
    }
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(evaluationId, "evaluationId");
  }

  static String key(String... parts) {
    for (int i = 0; i < parts.length; i++) {
      Objects.requireNonNull(parts[i], "natural key part " + i);
    }
    return String.join("/", parts);
  }
}
