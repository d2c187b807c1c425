package io.acbench.contracts.messaging;

import io.acbench.contracts.events.AcbenchEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Builds the outgoing message of an event for SmallRye Reactive Messaging: JSON value, the
 * evaluation id as record key (so one evaluation's events stay ordered in one partition), and the
 * CloudEvents headers.
 */
public final class KafkaEventMessages {

  private KafkaEventMessages() {}

  /**
   * The message for {@code event}.
   *
   * @param source the producing service, e.g. {@code /acbench/gateway}
   */
  public static Message<String> of(AcbenchEvent event, String source) {
    return Message.of(EventJson.write(event))
        .addMetadata(
            OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.evaluationId())
                .withHeaders(CloudEventHeaders.of(event, source))
                .build());
  }
}
