package io.acbench.testing.kafka;

import io.acbench.testing.process.ChildProcesses;
import io.acbench.testing.process.TiedMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node), run as its
 * own JVM from the Kafka jars in the local Maven repository. No containers.
 *
 * <p>Tests start it through {@link KafkaBrokerTestResource}; {@code deploy/local/kafka.sh} starts
 * it through {@link LocalKafkaBrokerCli}. Both come here.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private static final String CLASSPATH_RESOURCE = "broker.classpath";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Path workDir;
  private final int port;
  private final boolean deleteOnClose;

  private LocalKafkaBroker(Process process, Path workDir, int port, boolean deleteOnClose) {
    this.process = process;
    this.workDir = workDir;
    this.port = port;
    this.deleteOnClose = deleteOnClose;
  }

  /**
   * Starts a broker and waits until it accepts connections.
   *
   * @param workDir where the broker keeps its configuration, data and {@code broker.log}
   * @param port client port, or 0 for a free one
   * @param tiedToThisJvm if true the broker halts when this JVM dies, even by SIGKILL
   * @param deleteOnClose whether {@link #close()} removes {@code workDir}
   */
  public static LocalKafkaBroker start(
      Path workDir, int port, boolean tiedToThisJvm, boolean deleteOnClose) throws IOException {
    Files.createDirectories(workDir);
    int clientPort = port == 0 ? freePort() : port;
    int controllerPort = freePort();
    Path properties = workDir.resolve("server.properties");
    Files.writeString(properties, serverProperties(workDir, clientPort, controllerPort));
    Files.writeString(workDir.resolve("log4j2.properties"), log4jProperties(workDir));
    String classpath = brokerClasspath();

    // A data directory formatted before (a restarted local broker) keeps its cluster id.
    if (!Files.exists(workDir.resolve("data").resolve("meta.properties"))) {
      runToCompletion(
          workDir,
          javaCommand(workDir, classpath, "kafka.tools.StorageTool"),
          List.of(
              "format",
              "--cluster-id=" + newClusterId(), // an id may start with "-"
              "--config=" + properties,
              "--ignore-formatted"));
    }

    List<String> command = javaCommand(workDir, classpath, TiedMain.class.getName());
    if (tiedToThisJvm) {
      command.add("--watch-parent");
      command.add(Long.toString(ProcessHandle.current().pid()));
    }
    command.add("kafka.Kafka");
    command.add(properties.toString());
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("broker.out").toFile())
            .start();
    LocalKafkaBroker broker = new LocalKafkaBroker(process, workDir, clientPort, deleteOnClose);
    try {
      broker.awaitAcceptingConnections();
    } catch (IOException | RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  /** {@code host:port} for Kafka clients. */
  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /** Operating-system process id of the broker JVM. */
  public long pid() {
    return process.pid();
  }

  /** Whether the broker JVM is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    ChildProcesses.stop(process);
    if (deleteOnClose) {
      deleteRecursively(workDir);
    }
  }

  private void awaitAcceptingConnections() throws IOException {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(
            "Kafka broker exited with code " + process.exitValue() + "; see " + logExcerpt());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("localhost", port), 500);
        return;
      } catch (IOException notYet) {
        try {
          process.waitFor(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the Kafka broker", e);
        }
      }
    }
    throw new IOException(
        "Kafka broker did not accept connections on port "
            + port
            + " within "
            + STARTUP_TIMEOUT
            + "; see "
            + logExcerpt());
  }

  private String logExcerpt() {
    Path out = workDir.resolve("broker.out");
    try {
      List<String> lines = Files.readAllLines(out);
      return out
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return out.toString();
    }
  }

  private static List<String> javaCommand(Path workDir, String classpath, String mainClass) {
    String java = ChildProcesses.javaExecutable();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xms128m");
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dlog4j2.configurationFile=" + workDir.resolve("log4j2.properties"));
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    return command;
  }

  private static void runToCompletion(Path workDir, List<String> command, List<String> args)
      throws IOException {
    List<String> full = new ArrayList<>(command);
    full.addAll(args);
    Process process =
        new ProcessBuilder(full).directory(workDir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("Kafka storage format failed: " + output);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while formatting Kafka storage", e);
    }
  }

  static String brokerClasspath() throws IOException {
    try (InputStream in = LocalKafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IOException(
            "resource "
                + CLASSPATH_RESOURCE
                + " is missing: build the test-support module with Maven first");
      }
      return TiedMain.location()
          + java.io.File.pathSeparator
          + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
  }

  private static String serverProperties(Path workDir, int clientPort, int controllerPort) {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@localhost:" + controllerPort,
        "listeners=PLAINTEXT://localhost:"
            + clientPort
            + ",CONTROLLER://localhost:"
            + controllerPort,
        "advertised.listeners=PLAINTEXT://localhost:" + clientPort,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + workDir.resolve("data"),
        "num.partitions=1",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=true",
        "");
  }

  private static String log4jProperties(Path workDir) {
    return String.join(
        "\n",
        "appender.file.type=File",
        "appender.file.name=file",
        "appender.file.fileName=" + workDir.resolve("broker.log"),
        "appender.file.layout.type=PatternLayout",
        "appender.file.layout.pattern=[%d] %p %m (%c)%n",
        "rootLogger.level=INFO",
        "rootLogger.appenderRef.file.ref=file",
        "");
  }

  /** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding. */
  private static String newClusterId() {
    UUID uuid = UUID.randomUUID();
    var buffer = java.nio.ByteBuffer.allocate(16);
    buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
