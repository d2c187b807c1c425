package io.acbench.inference.client;

import io.acbench.contracts.grpc.inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs one unary RPC with a deadline that covers all its attempts, retrying per {@link
 * RetryDecision} with backoff on the next round-robin endpoint, and records the call's timer.
 */
final class UnaryExecutor {

  private final ClientContext ctx;

  UnaryExecutor(ClientContext ctx) {
    this.ctx = ctx;
  }

  /**
   * @param readiness polled before retrying a NOT_FOUND "has no available versions"; null when the
   *     call concerns no model
   */
  <T> T call(
      String rpc,
      String model,
      Duration timeout,
      BooleanSupplier readiness,
      Function<GRPCInferenceServiceBlockingStub, T> fn) {
    long start = System.nanoTime();
    Deadline deadline = Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS);
    int attempt = 0;
    int internalFailures = 0;
    boolean pollReadiness = false;
    while (true) {
      attempt++;
      Endpoint endpoint = ctx.pool().pick();
      StatusRuntimeException failure;
      if (pollReadiness && readiness != null && !readiness.getAsBoolean()) {
        failure =
            Status.NOT_FOUND
                .withDescription("model '" + model + "' has no available versions (not ready yet)")
                .asRuntimeException();
      } else {
        try {
          T result = fn.apply(endpoint.blocking.withDeadline(deadline));
          ctx.metrics().call(rpc, model, "OK", System.nanoTime() - start);
          return result;
        } catch (StatusRuntimeException e) {
          failure = e;
        }
      }
      Status.Code code = failure.getStatus().getCode();
      String message = failure.getStatus().getDescription();
      if (code == Status.Code.UNAVAILABLE) {
        ctx.unavailable(endpoint);
      }
      if (code == Status.Code.INTERNAL || code == Status.Code.UNKNOWN) {
        internalFailures++;
      }
      RetryDecision decision =
          RetryDecision.decide(code, message, rpc, attempt, internalFailures, false, ctx.policy());
      Duration wait = decision == RetryDecision.FAIL ? null : ctx.backoff().delay(attempt);
      if (wait == null || deadline.timeRemaining(TimeUnit.NANOSECONDS) <= wait.toNanos()) {
        ctx.metrics().call(rpc, model, code.name(), System.nanoTime() - start);
        throw error(failure, rpc, model, timeout);
      }
      ctx.metrics().retry(rpc, model, code.name());
      pollReadiness = decision == RetryDecision.RETRY_AFTER_READY;
      sleep(wait, rpc, model);
    }
  }

  private static TritonException error(
      StatusRuntimeException e, String rpc, String model, Duration timeout) {
    Status s = e.getStatus();
    if (s.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      String detail = s.getDescription() == null ? "" : ": " + s.getDescription();
      return new TritonException(
          s.getCode(), rpc, model, "deadline of " + timeout + " exceeded" + detail, false, e);
    }
    return TritonException.of(e, rpc, model);
  }

  private static void sleep(Duration wait, String rpc, String model) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TritonException(
          Status.Code.CANCELLED, rpc, model, "interrupted during retry backoff", false, e);
    }
  }
}
