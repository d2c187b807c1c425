package io.acbench.metrics.statistics;

/**
 * Parameters of a percentile bootstrap.
 *
 * @param resamples B, the number of bootstrap resamples (at least 1)
 * @param alpha the interval covers 1 − alpha (0 < alpha < 1); 0.05 gives a 95% interval
 * @param seed seed of the resampling generator; the same seed gives the same interval
 */
public record BootstrapSpec(int resamples, double alpha, long seed) {

  /** B = 2000, 95% interval, seed 20250527. */
  public static final BootstrapSpec DEFAULT = new BootstrapSpec(2000, 0.05, 20250527L);

  public BootstrapSpec {
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be >= 1, was " + resamples);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
    }
  }
}
