package io.acbench.testing.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops a detached local broker for {@code deploy/local/kafka.sh}.
 *
 * <pre>
 * start --dir DIR [--port N]   start in the background, wait until it accepts connections
 * stop  --dir DIR              stop the broker started from DIR
 * status --dir DIR             exit 0 if it runs
 * </pre>
 */
public final class LocalKafkaBrokerCli {

  private LocalKafkaBrokerCli() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 3 || !args[1].equals("--dir")) {
      usage();
    }
    Path dir = Path.of(args[2]).toAbsolutePath();
    Path pidFile = dir.resolve("broker.pid");
    switch (args[0]) {
      case "start" -> {
        int port = args.length == 5 && args[3].equals("--port") ? Integer.parseInt(args[4]) : 9092;
        if (running(pidFile).isPresent()) {
          System.out.println("already running: " + Files.readString(dir.resolve("bootstrap")));
          return;
        }
        LocalKafkaBroker broker = LocalKafkaBroker.start(dir, port, false, false);
        Files.writeString(pidFile, Long.toString(broker.pid()));
        Files.writeString(dir.resolve("bootstrap"), broker.bootstrapServers());
        System.out.println("Kafka broker " + broker.bootstrapServers() + " pid " + broker.pid());
        System.out.println("logs: " + dir.resolve("broker.log"));
      }
      case "stop" -> {
        Optional<ProcessHandle> process = running(pidFile);
        if (process.isEmpty()) {
          System.out.println("not running");
          return;
        }
        process.get().destroy();
        try {
          process.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          process.get().destroyForcibly();
        }
        Files.deleteIfExists(pidFile);
        System.out.println("stopped");
      }
      case "status" -> {
        if (running(pidFile).isEmpty()) {
          System.out.println("not running");
          System.exit(1);
        }
        System.out.println("running: " + Files.readString(dir.resolve("bootstrap")));
      }
      default -> usage();
    }
  }

  private static Optional<ProcessHandle> running(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
  }

  private static void usage() {
    System.err.println("usage: LocalKafkaBrokerCli start|stop|status --dir DIR [--port N]");
    System.exit(2);
  }
}
