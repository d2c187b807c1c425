package io.acbench.metrics.store;

/** The results database failed (connection, SQL); the unit of work was rolled back. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
