package io.acbench.contracts.messaging;

/** An event payload that cannot be read; the message names the event type and the field. */
public class EventFormatException extends RuntimeException {
  public EventFormatException(String message) {
    super(message);
  }

  public EventFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
