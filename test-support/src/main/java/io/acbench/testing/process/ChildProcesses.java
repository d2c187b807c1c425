package io.acbench.testing.process;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the launchers of child JVMs (the Kafka broker, packaged services). */
public final class ChildProcesses {

  private ChildProcesses() {}

  /** The {@code java} executable of the running JVM. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Asks the process to stop (SIGTERM), and kills it if it is still alive after 20 s. */
  public static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
