package io.acbench.inference.client;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Exponential backoff with jitter: retry n waits {@code d_n·(1 − jitter·u)}, with {@code d_n =
 * min(maxBackoff, initialBackoff·multiplier^(n−1))} and {@code u} uniform in [0, 1) from a seeded
 * source.
 */
final class Backoff {

  private final RetryPolicy policy;
  private final SplittableRandom random;

  Backoff(RetryPolicy policy) {
    this.policy = policy;
    this.random = new SplittableRandom(policy.seed() != null ? policy.seed() : System.nanoTime());
  }

  /** The wait before retry {@code n} (1 = the first retry). */
  Duration delay(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("retry number must be >= 1, got " + n);
    }
    double initial = policy.initialBackoff().toNanos();
    double max = policy.maxBackoff().toNanos();
    double d = Math.min(max, initial * Math.pow(policy.multiplier(), n - 1));
    double u;
    synchronized (random) {
      u = random.nextDouble();
    }
    return Duration.ofNanos((long) (d * (1.0 - policy.jitter() * u)));
  }
}
