package io.acbench.taskrunner.run;

/** A task could not finish; the message becomes the FAILED {@code task.completed}'s reason. */
public class TaskFailedException extends RuntimeException {

  public TaskFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
