package io.acbench.testing.process;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) run as its own JVM for
 * system tests, tied to the test JVM so that it never outlives it.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private final String name;
  private final Process process;
  private final int httpPort;
  private final Path log;

  private ServiceProcess(String name, Process process, int httpPort, Path log) {
    this.name = name;
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
  }

  /**
   * Starts the service in {@code moduleDir} and waits until {@code /q/health/ready} answers 200.
   *
   * @param properties system properties for the service (configuration overrides)
   */
  public static ServiceProcess start(
      Path moduleDir, int httpPort, Map<String, String> properties, Path logDir)
      throws IOException, InterruptedException {
    Path jar = moduleDir.resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IOException(jar + " is missing: package the service first (./mvnw verify)");
    }
    String name = moduleDir.getFileName().toString();
    List<String> command = new ArrayList<>();
    command.add(ChildProcesses.javaExecutable());
    command.add("--add-modules=jdk.incubator.vector");
    command.add("--enable-native-access=ALL-UNNAMED");
    // What quarkus-run.jar's manifest would add under `java -jar` (jboss-threads needs it).
    command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    command.add("-Xmx512m");
    command.add("-Dquarkus.http.port=" + httpPort);
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(TiedMain.location() + File.pathSeparator + jar);
    command.add(TiedMain.class.getName());
    command.add("--watch-parent");
    command.add(Long.toString(ProcessHandle.current().pid()));
    command.add("io.quarkus.bootstrap.runner.QuarkusEntryPoint");
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(moduleDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ServiceProcess service = new ServiceProcess(name, process, httpPort, log);
    try {
      service.awaitReady();
    } catch (IOException | RuntimeException e) {
      service.close();
      throw e;
    }
    return service;
  }

  /** Base URL of the service's HTTP server. */
  public URI baseUri() {
    return URI.create("http://localhost:" + httpPort);
  }

  /** GETs a path and returns the body, e.g. {@code /q/metrics}. */
  public String get(String path) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client
          .send(
              HttpRequest.newBuilder(baseUri().resolve(path)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      HttpRequest ready = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready")).build();
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IOException(name + " exited with code " + process.exitValue() + "; see " + log);
        }
        try {
          if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        process.waitFor(250, TimeUnit.MILLISECONDS);
      }
    }
    throw new IOException(name + " was not ready within " + STARTUP_TIMEOUT + "; see " + log);
  }

  /** Kills the service at once with SIGKILL, as a crash would, and waits until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() {
    ChildProcesses.stop(process);
  }
}
