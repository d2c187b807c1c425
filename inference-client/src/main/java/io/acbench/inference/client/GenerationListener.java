package io.acbench.inference.client;

/**
 * Callbacks of one generation, called from gRPC threads in response order. Exactly one of {@link
 * #onComplete} and {@link #onError} ends it; only a {@link Generation#cancel()} from another thread
 * can race with a chunk that is being delivered at that moment.
 */
public interface GenerationListener {

  /** A data response arrived (a delta when streaming). */
  default void onChunk(GenerationChunk chunk) {}

  /** The final response arrived, or the call ended OK (§2.3 step 5). */
  void onComplete(GenerationResult result);

  /** The generation failed, timed out or was cancelled ({@link TritonException#code()} says). */
  void onError(TritonException error);
}
