package io.acbench.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTest {

  @Test
  void brokerAnswersKafkaApiVersionsAndStopsOnClose(@TempDir Path dir) throws IOException {
    LocalKafkaBroker broker = LocalKafkaBroker.start(dir.resolve("kafka"), 0, true, false);
    ProcessHandle handle = ProcessHandle.of(broker.pid()).orElseThrow();
    try {
      assertThat(apiVersionsErrorCode(broker.bootstrapServers())).isZero();
    } finally {
      broker.close();
    }
    assertThat(handle.isAlive()).isFalse();
    assertThat(Files.readString(dir.resolve("kafka/broker.log"))).contains("Kafka Server started");
  }

  @Test
  void brokerHaltsWhenTheProcessThatStartedItIsKilled(@TempDir Path dir) throws Exception {
    // A separate JVM plays the test JVM: it starts a tied broker, prints its pid, then waits.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process launcher =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                StartTiedBrokerAndWait.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    long brokerPid;
    try {
      var reader = launcher.inputReader();
      String line;
      do {
        line = reader.readLine();
      } while (line != null && !line.startsWith("broker-pid="));
      assertThat(line).as("launcher output").isNotNull();
      brokerPid = Long.parseLong(line.substring("broker-pid=".length()));
    } finally {
      launcher.destroyForcibly(); // SIGKILL: no shutdown hooks run
    }
    launcher.waitFor(10, TimeUnit.SECONDS);
    ProcessHandle broker = ProcessHandle.of(brokerPid).orElse(null);
    if (broker != null) {
      broker.onExit().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
      assertThat(broker.isAlive()).isFalse();
    }
  }

  /** Sends a Kafka ApiVersions v0 request and returns the response's error code. */
  private static short apiVersionsErrorCode(String bootstrap) throws IOException {
    String[] hostPort = bootstrap.split(":");
    try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
      socket.setSoTimeout(10_000);
      byte[] clientId = "probe".getBytes();
      ByteBuffer request = ByteBuffer.allocate(4 + 2 + 2 + 4 + 2 + clientId.length);
      request.putInt(request.capacity() - 4).putShort((short) 18).putShort((short) 0);
      request.putInt(42).putShort((short) clientId.length).put(clientId);
      OutputStream out = socket.getOutputStream();
      out.write(request.array());
      out.flush();
      InputStream in = socket.getInputStream();
      ByteBuffer header = ByteBuffer.wrap(in.readNBytes(10));
      header.getInt(); // size
      assertThat(header.getInt()).as("correlation id").isEqualTo(42);
      return header.getShort();
    }
  }

  /** Main of the stand-in test JVM used by the SIGKILL test. */
  public static final class StartTiedBrokerAndWait {
    public static void main(String[] args) throws Exception {
      LocalKafkaBroker broker = LocalKafkaBroker.start(Path.of(args[0], "tied"), 0, true, true);
      System.out.println("broker-pid=" + broker.pid());
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
