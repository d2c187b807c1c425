package io.acbench.inference.client;

import io.grpc.Status;

/**
 * Which failures are retried (protocol page §5.3).
 *
 * <ul>
 *   <li>UNAVAILABLE (not ready, queue full, queue timeout, shutting down, transport failure): retry
 *       with backoff on another endpoint, except the load/unload refusal of a server that is not in
 *       explicit model-control mode, which is a configuration error.
 *   <li>NOT_FOUND "has no available versions" (a load or reload in progress): retry once the model
 *       answers ModelReady.
 *   <li>INTERNAL, UNKNOWN: retry at most once, and never for RepositoryModelLoad (a failed load is
 *       deterministic and expensive).
 *   <li>everything else (INVALID_ARGUMENT, UNIMPLEMENTED, NOT_FOUND, ALREADY_EXISTS, CANCELLED,
 *       DEADLINE_EXCEEDED, ...): never.
 *   <li>a generation that already delivered a data response: never; the caller restarts it.
 * </ul>
 */
enum RetryDecision {
  RETRY,
  RETRY_AFTER_READY,
  FAIL;

  /**
   * @param code the failure's code
   * @param message the server's message (may be empty)
   * @param rpc the RPC name
   * @param attempt attempts made so far, the failed one included
   * @param internalFailures INTERNAL or UNKNOWN failures so far, this one included
   * @param partialOutput whether a stream already delivered a data response
   * @param policy the retry policy
   */
  static RetryDecision decide(
      Status.Code code,
      String message,
      String rpc,
      int attempt,
      int internalFailures,
      boolean partialOutput,
      RetryPolicy policy) {
    if (partialOutput || attempt >= policy.maxAttempts()) {
      return FAIL;
    }
    String msg = message == null ? "" : message;
    return switch (code) {
      case UNAVAILABLE ->
          msg.contains("explicit model load / unload is not allowed") ? FAIL : RETRY;
      case NOT_FOUND -> msg.contains("has no available versions") ? RETRY_AFTER_READY : FAIL;
      case INTERNAL, UNKNOWN ->
          internalFailures <= 1 && !Rpc.REPOSITORY_MODEL_LOAD.equals(rpc) ? RETRY : FAIL;
      default -> FAIL;
    };
  }
}
