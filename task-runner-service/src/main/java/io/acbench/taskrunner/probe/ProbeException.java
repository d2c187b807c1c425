package io.acbench.taskrunner.probe;

/** Probing a variant failed; the message is the reason {@code probe.completed} carries. */
public class ProbeException extends RuntimeException {

  public ProbeException(String message) {
    super(message);
  }

  public ProbeException(String message, Throwable cause) {
    super(message, cause);
  }
}
