package io.acbench.metrics.scoring;

/**
 * Publishes the events the pipeline wrote into the outbox (in the same transaction as their
 * results). The pipeline calls it after each such write; it also runs at startup and on a timer.
 */
public interface EventRelay {

  /** Publishes every unsent outbox message, oldest first, and marks each sent once acknowledged. */
  void publishPending();
}
