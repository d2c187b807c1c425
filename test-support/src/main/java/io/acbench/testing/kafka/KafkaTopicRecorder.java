package io.acbench.testing.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test helper: records every record of some topics (from the beginning) on a background thread, and
 * sends records. Tests wait on {@link #records(String)} with Awaitility, never with a sleep.
 */
public final class KafkaTopicRecorder implements AutoCloseable {

  private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
  private final KafkaConsumer<String, String> consumer;
  private final Thread poller;
  private volatile boolean running = true;

  public KafkaTopicRecorder(String bootstrapServers, List<String> topics) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-recorder-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
    consumer = new KafkaConsumer<>(props);
    consumer.subscribe(topics);
    poller = new Thread(this::poll, "kafka-topic-recorder");
    poller.setDaemon(true);
    poller.start();
  }

  private void poll() {
    while (running) {
      try {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      } catch (org.apache.kafka.common.errors.WakeupException e) {
        break;
      }
    }
    consumer.close(Duration.ofSeconds(2));
  }

  /** The records seen so far on {@code topic}. */
  public List<ConsumerRecord<String, String>> records(String topic) {
    List<ConsumerRecord<String, String>> result = new ArrayList<>();
    for (var record : records) {
      if (record.topic().equals(topic)) {
        result.add(record);
      }
    }
    return result;
  }

  /** The values seen so far on {@code topic} whose value matches {@code filter}. */
  public List<String> values(String topic, Predicate<String> filter) {
    return records(topic).stream().map(ConsumerRecord::value).filter(filter).toList();
  }

  /** Sends one record and waits for the broker's acknowledgement. */
  public static void send(
      String bootstrapServers, String topic, String key, String value, Headers headers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + topic, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot send to " + topic, e.getCause());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      poller.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
