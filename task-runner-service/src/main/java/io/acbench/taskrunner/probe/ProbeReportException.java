package io.acbench.taskrunner.probe;

/**
 * A {@code probe.completed} the broker did not acknowledge: not a probe failure but a messaging
 * one, so it is not swallowed (the {@code model.ready} is not committed and comes again).
 */
public class ProbeReportException extends IllegalStateException {

  public ProbeReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
