package io.acbench.metrics.messaging;

import io.acbench.contracts.EventType;
import io.acbench.contracts.events.AcbenchEvent;
import io.acbench.contracts.messaging.CloudEventHeaders;
import io.acbench.contracts.messaging.EventJson;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test helper: one producer that sends events (or raw text) and waits for each acknowledgement. */
final class EventSender implements AutoCloseable {

  private final KafkaProducer<String, String> producer;

  EventSender(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(props);
  }

  void send(AcbenchEvent event) {
    sendRaw(
        EventType.of(event).topic(),
        event.evaluationId(),
        EventJson.write(event),
        CloudEventHeaders.of(event, "/test"));
  }

  void sendRaw(String topic, String key, String value, Headers headers) {
    try {
      producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot send to " + topic, e.getCause());
    }
  }

  void sendRaw(String topic, String key, String value) {
    sendRaw(topic, key, value, new RecordHeaders());
  }

  @Override
  public void close() {
    producer.close();
  }
}
