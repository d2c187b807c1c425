package io.acbench.testing.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Quarkus test resource that points a service at a real local Kafka broker.
 *
 * <p>The broker starts once per test JVM, on free ports, tied to the JVM (it halts when the JVM
 * dies, even by SIGKILL) and stopped by a shutdown hook on a normal exit. Quarkus may load this
 * class in more than one class loader, so the running broker is found through system properties
 * rather than a static field.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

  /** System property holding the bootstrap address of the broker this JVM started. */
  public static final String BOOTSTRAP_PROPERTY = "acbench.test.kafka.bootstrap-servers";

  @Override
  public Map<String, String> start() {
    return Map.of("kafka.bootstrap.servers", sharedBootstrapServers());
  }

  @Override
  public void stop() {
    // The broker outlives one application start so the next test class can reuse it.
  }

  /** Starts the JVM-wide broker on first use and returns its bootstrap address. */
  public static synchronized String sharedBootstrapServers() {
    String running = System.getProperty(BOOTSTRAP_PROPERTY);
    if (running != null) {
      return running;
    }
    try {
      LocalKafkaBroker broker =
          LocalKafkaBroker.start(Files.createTempDirectory("acbench-kafka-"), 0, true, true);
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
      System.setProperty(BOOTSTRAP_PROPERTY, broker.bootstrapServers());
      System.setProperty(BOOTSTRAP_PROPERTY + ".pid", Long.toString(broker.pid()));
      return broker.bootstrapServers();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local Kafka broker", e);
    }
  }
}
