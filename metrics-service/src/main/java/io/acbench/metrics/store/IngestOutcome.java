package io.acbench.metrics.store;

/** What an idempotent insert did. */
public enum IngestOutcome {
  /** The row was new and is stored. */
  STORED,
  /** The same content was already stored under the natural key; nothing changed. */
  DUPLICATE
}
