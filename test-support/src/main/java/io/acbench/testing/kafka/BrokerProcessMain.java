package io.acbench.testing.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Entry point of the broker JVM. It ties the broker's life to the process that launched it, then
 * hands over to {@code kafka.Kafka}.
 *
 * <p>Usage: {@code BrokerProcessMain [--watch-parent PID] server.properties}. With {@code
 * --watch-parent}, the JVM halts as soon as that process is gone, whatever the reason (normal exit,
 * crash or SIGKILL), so a killed test JVM never leaves a broker behind.
 */
public final class BrokerProcessMain {

  private BrokerProcessMain() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    int first = 0;
    if (args.length >= 2 && args[0].equals("--watch-parent")) {
      watchParent(Long.parseLong(args[1]));
      first = 2;
    }
    if (args.length != first + 1) {
      System.err.println("usage: BrokerProcessMain [--watch-parent PID] server.properties");
      System.exit(2);
    }
    Method kafkaMain = Class.forName("kafka.Kafka").getMethod("main", String[].class);
    try {
      kafkaMain.invoke(null, (Object) new String[] {args[first]});
    } catch (InvocationTargetException e) {
      e.getCause().printStackTrace();
      Runtime.getRuntime().halt(1);
    }
  }

  private static void watchParent(long pid) {
    var parent = ProcessHandle.of(pid);
    if (parent.isEmpty()) {
      System.err.println("parent process " + pid + " is already gone; not starting the broker");
      Runtime.getRuntime().halt(3);
    }
    // ProcessHandle.onExit polls the kernel for a non-child process; halting skips Kafka's slow
    // orderly shutdown, which is what we want once nobody can use the broker any more.
    parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(0));
  }
}
