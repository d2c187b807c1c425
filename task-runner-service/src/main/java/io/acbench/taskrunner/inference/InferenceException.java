package io.acbench.taskrunner.inference;

/** The inference backend failed a request. */
public class InferenceException extends RuntimeException {

  public InferenceException(String message) {
    super(message);
  }

  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
