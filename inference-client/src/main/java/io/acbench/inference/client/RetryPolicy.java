package io.acbench.inference.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Retry parameters of the protocol page §5.3: exponential backoff with jitter between attempts.
 *
 * <p>Attempt n (n = 1 for the first retry) waits {@code d_n = min(maxBackoff, initialBackoff ·
 * multiplier^(n-1))}, shortened by a random fraction of at most {@code jitter}: the wait is uniform
 * in {@code [(1 - jitter)·d_n, d_n]}.
 *
 * @param maxAttempts attempts in all, the first included (1 = never retry)
 * @param initialBackoff wait before the first retry
 * @param maxBackoff cap on one wait
 * @param multiplier growth factor per retry, at least 1
 * @param jitter fraction in [0, 1] by which a wait is randomly shortened
 * @param endpointCooldown how long an endpoint that answered UNAVAILABLE is skipped by round-robin
 * @param seed seed of the jitter's random source; null = seeded from the clock
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double multiplier,
    double jitter,
    Duration endpointCooldown,
    Long seed) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(endpointCooldown, "endpointCooldown");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must satisfy 0 <= initialBackoff <= maxBackoff, got "
              + initialBackoff
              + " and "
              + maxBackoff);
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1], got " + jitter);
    }
    if (endpointCooldown.isNegative()) {
      throw new IllegalArgumentException("endpointCooldown must not be negative");
    }
  }

  /** 5 attempts, 100 ms doubling to 5 s, 20 % jitter, 10 s endpoint cool-down. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        5, Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, 0.2, Duration.ofSeconds(10), null);
  }

  /** A single attempt: no retries at all. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0.0, Duration.ZERO, null);
  }

  public RetryPolicy withSeed(long s) {
    return new RetryPolicy(
        maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, endpointCooldown, s);
  }
}
