package io.acbench.metrics.store;

/**
 * An event repeats a stored natural key with different content. The stored row is kept; the event
 * is rejected (and goes to the dead-letter topic) with this message as the reason.
 */
public class ConflictingEventException extends RuntimeException {
  public ConflictingEventException(String message) {
    super(message);
  }
}
