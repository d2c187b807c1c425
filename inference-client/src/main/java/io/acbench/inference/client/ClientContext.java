package io.acbench.inference.client;

import java.util.concurrent.ScheduledExecutorService;

/** What calls share: endpoints, metrics, retry policy, backoff and the retry scheduler. */
record ClientContext(
    TritonClientConfig config,
    EndpointPool pool,
    ClientMetrics metrics,
    Backoff backoff,
    ScheduledExecutorService scheduler) {

  RetryPolicy policy() {
    return config.retry();
  }

  /** Puts {@code e} on cool-down after an UNAVAILABLE answer. */
  void unavailable(Endpoint e) {
    pool.markUnavailable(e);
    metrics.coolDown(e.target);
  }
}
