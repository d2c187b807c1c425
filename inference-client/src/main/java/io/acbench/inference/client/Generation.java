package io.acbench.inference.client;

/** A running generation. */
public interface Generation {

  /** The request id sent to the server and echoed in its responses. */
  String requestId();

  /**
   * Cancels the gRPC call, which makes the server stop generating (protocol page §2.1 rule 9). The
   * listener gets a CANCELLED {@link TritonException} unless the generation already ended.
   */
  void cancel();

  /** Whether the generation has ended (completed, failed or cancelled). */
  boolean isDone();
}
