package io.acbench.inference.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Micrometer meters of the client; every method is a no-op without a registry.
 *
 * <ul>
 *   <li>{@value #CALLS}: timer per logical call (retries included), tags {@code rpc}, {@code
 *       model}, {@code outcome} (OK or the status code name)
 *   <li>{@value #RETRIES}: counter, tags {@code rpc}, {@code model}, {@code code}
 *   <li>{@value #FIRST_RESPONSE}: timer from sending a generation to its first data response, tag
 *       {@code model}
 *   <li>{@value #TOKENS}: counter of tokens the server reported, tags {@code model}, {@code kind}
 *       (input or output)
 *   <li>{@value #COOLDOWNS}: counter of endpoints put on cool-down, tag {@code endpoint}
 * </ul>
 */
final class ClientMetrics {

  static final String CALLS = "acbench.triton.client.calls";
  static final String RETRIES = "acbench.triton.client.retries";
  static final String FIRST_RESPONSE = "acbench.triton.client.generation.first.response";
  static final String TOKENS = "acbench.triton.client.generation.tokens";
  static final String COOLDOWNS = "acbench.triton.client.endpoint.cooldowns";

  private final MeterRegistry registry;

  ClientMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  private static String model(String m) {
    return m == null || m.isEmpty() ? "none" : m;
  }

  void call(String rpc, String model, String outcome, long nanos) {
    if (registry != null) {
      Timer.builder(CALLS)
          .description("Triton client calls, retries included")
          .tags("rpc", rpc, "model", model(model), "outcome", outcome)
          .register(registry)
          .record(Duration.ofNanos(nanos));
    }
  }

  void retry(String rpc, String model, String code) {
    if (registry != null) {
      Counter.builder(RETRIES)
          .tags("rpc", rpc, "model", model(model), "code", code)
          .register(registry)
          .increment();
    }
  }

  void firstResponse(String model, long nanos) {
    if (registry != null) {
      Timer.builder(FIRST_RESPONSE)
          .tags("model", model(model))
          .register(registry)
          .record(Duration.ofNanos(nanos));
    }
  }

  void tokens(String model, String kind, long count) {
    if (registry != null && count > 0) {
      Counter.builder(TOKENS)
          .tags("model", model(model), "kind", kind)
          .register(registry)
          .increment(count);
    }
  }

  void coolDown(String endpoint) {
    if (registry != null) {
      Counter.builder(COOLDOWNS).tags("endpoint", endpoint).register(registry).increment();
    }
  }
}
