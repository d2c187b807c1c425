package io.acbench.metrics.statistics;

/**
 * A mean with its bootstrap confidence interval.
 *
 * @param mean the sample mean
 * @param low lower interval bound (the alpha/2 quantile of the bootstrap means)
 * @param high upper interval bound (the 1 − alpha/2 quantile)
 * @param n number of values
 */
public record MeanCi(double mean, double low, double high, int n) {}
