package io.acbench.testing.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class in a JVM whose life is tied to a parent process.
 *
 * <p>Usage: {@code TiedMain [--watch-parent PID] MAIN_CLASS [ARGS...]}. With {@code
 * --watch-parent}, the JVM halts as soon as that process is gone, whatever the reason (normal exit,
 * crash or SIGKILL), so a killed test JVM never leaves a broker or a service behind.
 */
public final class TiedMain {

  private TiedMain() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    int first = 0;
    if (args.length >= 2 && args[0].equals("--watch-parent")) {
      watchParent(Long.parseLong(args[1]));
      first = 2;
    }
    if (args.length <= first) {
      System.err.println("usage: TiedMain [--watch-parent PID] MAIN_CLASS [ARGS...]");
      System.exit(2);
    }
    Method main = Class.forName(args[first]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, first + 1, args.length));
    } catch (InvocationTargetException e) {
      e.getCause().printStackTrace();
      Runtime.getRuntime().halt(1);
    }
  }

  private static void watchParent(long pid) {
    var parent = ProcessHandle.of(pid);
    if (parent.isEmpty()) {
      System.err.println("parent process " + pid + " is already gone; not starting");
      Runtime.getRuntime().halt(3);
    }
    // onExit polls the kernel for a non-child process; halting skips slow orderly shutdowns, which
    // is what we want once nobody can use the process any more.
    parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(0));
  }

  /** The path of the classes or jar that hold this class, for a child JVM's classpath. */
  public static String location() {
    try {
      return java.nio.file.Path.of(
              TiedMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot locate the test-support classes", e);
    }
  }
}
