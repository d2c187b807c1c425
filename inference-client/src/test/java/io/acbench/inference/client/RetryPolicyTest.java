package io.acbench.inference.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status.Code;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final RetryPolicy POLICY =
      new RetryPolicy(
          6, Duration.ofMillis(100), Duration.ofMillis(1000), 2.0, 0.25, Duration.ZERO, 42L);

  @Test
  void backoffGrowsExponentiallyWithinTheJitterBandAndIsCapped() {
    Backoff backoff = new Backoff(POLICY);
    long[] nominal = {100, 200, 400, 800, 1000, 1000};
    for (int n = 1; n <= nominal.length; n++) {
      long ms = backoff.delay(n).toNanos() / 1_000_000;
      assertThat(ms).as("retry %d", n).isBetween(nominal[n - 1] * 3 / 4, nominal[n - 1]);
    }
  }

  @Test
  void backoffIsReproducibleForASeedAndJittered() {
    Backoff a = new Backoff(POLICY);
    Backoff b = new Backoff(POLICY);
    Backoff c = new Backoff(POLICY.withSeed(7));
    long[] da = new long[8];
    long[] db = new long[8];
    long[] dc = new long[8];
    for (int i = 0; i < 8; i++) {
      da[i] = a.delay(3).toNanos();
      db[i] = b.delay(3).toNanos();
      dc[i] = c.delay(3).toNanos();
    }
    assertThat(da).isEqualTo(db).isNotEqualTo(dc);
    assertThat(java.util.Arrays.stream(da).distinct().count()).isGreaterThan(1);
  }

  @Test
  void onlyTheRetryableCodesAreRetried() {
    assertThat(decide(Code.UNAVAILABLE, "Exceeds maximum queue size", 1, 0))
        .isEqualTo(RetryDecision.RETRY);
    assertThat(
            decide(
                Code.NOT_FOUND, "Request for unknown model: 'm' has no available versions", 1, 0))
        .isEqualTo(RetryDecision.RETRY_AFTER_READY);
    for (Code never :
        new Code[] {
          Code.INVALID_ARGUMENT,
          Code.UNIMPLEMENTED,
          Code.ALREADY_EXISTS,
          Code.CANCELLED,
          Code.DEADLINE_EXCEEDED,
          Code.RESOURCE_EXHAUSTED
        }) {
      assertThat(decide(never, "x", 1, 0)).as(never.name()).isEqualTo(RetryDecision.FAIL);
    }
    assertThat(decide(Code.NOT_FOUND, "Request for unknown model: 'm' is not found", 1, 0))
        .isEqualTo(RetryDecision.FAIL);
  }

  @Test
  void internalIsRetriedOnceAndNeverForALoad() {
    assertThat(decide(Code.INTERNAL, "boom", 1, 1)).isEqualTo(RetryDecision.RETRY);
    assertThat(decide(Code.UNKNOWN, "boom", 2, 2)).isEqualTo(RetryDecision.FAIL);
    assertThat(
            RetryDecision.decide(
                Code.INTERNAL,
                "failed to load 'm'",
                Rpc.REPOSITORY_MODEL_LOAD,
                1,
                1,
                false,
                POLICY))
        .isEqualTo(RetryDecision.FAIL);
    assertThat(
            RetryDecision.decide(
                Code.UNAVAILABLE,
                "explicit model load / unload is not allowed if polling is enabled",
                Rpc.REPOSITORY_MODEL_LOAD,
                1,
                0,
                false,
                POLICY))
        .isEqualTo(RetryDecision.FAIL);
  }

  @Test
  void partialOutputAndExhaustedAttemptsStopRetries() {
    assertThat(
            RetryDecision.decide(Code.UNAVAILABLE, "", Rpc.MODEL_STREAM_INFER, 1, 0, true, POLICY))
        .isEqualTo(RetryDecision.FAIL);
    assertThat(decide(Code.UNAVAILABLE, "", 6, 0)).isEqualTo(RetryDecision.FAIL);
    assertThat(decide(Code.UNAVAILABLE, "", 5, 0)).isEqualTo(RetryDecision.RETRY);
  }

  @Test
  void inStreamMessagesMapToTritonCodes() {
    assertThat(StreamErrors.codeOf("Exceeds maximum queue size")).isEqualTo(Code.UNAVAILABLE);
    assertThat(StreamErrors.codeOf("Request timeout expired")).isEqualTo(Code.UNAVAILABLE);
    assertThat(StreamErrors.codeOf("Request for unknown model: 'm' is not found"))
        .isEqualTo(Code.NOT_FOUND);
    assertThat(StreamErrors.codeOf("Request was cancelled")).isEqualTo(Code.CANCELLED);
    assertThat(StreamErrors.codeOf("unexpected inference input 'x' for model 'm'"))
        .isEqualTo(Code.INVALID_ARGUMENT);
    assertThat(StreamErrors.codeOf("Error generating stream: CUDA error")).isEqualTo(Code.INTERNAL);
  }

  @Test
  void invalidPoliciesNameTheField() {
    assertThatThrownBy(
            () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 2, 0, Duration.ZERO, null))
        .hasMessageContaining("maxAttempts must be >= 1");
    assertThatThrownBy(
            () ->
                new RetryPolicy(
                    3, Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, Duration.ZERO, null))
        .hasMessageContaining("initialBackoff <= maxBackoff");
    assertThatThrownBy(
            () -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 2, 1.5, Duration.ZERO, null))
        .hasMessageContaining("jitter must be in [0, 1]");
  }

  private static RetryDecision decide(Code code, String message, int attempt, int internal) {
    return RetryDecision.decide(code, message, Rpc.MODEL_INFER, attempt, internal, false, POLICY);
  }
}
