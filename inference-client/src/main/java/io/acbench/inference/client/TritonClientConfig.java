package io.acbench.inference.client;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link TritonClient} needs.
 *
 * @param endpoints one or more {@code host:port} gRPC targets, served round-robin
 * @param deadlines deadline per call kind
 * @param maxInboundMessageSize largest response accepted, bytes; grpc-java's default is 4 MiB,
 *     Triton and its own clients use INT32_MAX (protocol page §1.1)
 * @param retry retry and cool-down policy (§5.3)
 * @param keepAliveTime interval of HTTP/2 keep-alive pings; {@link Duration#ZERO} = off. Align with
 *     the server's {@code --grpc-keepalive-*} settings, or it answers GOAWAY too_many_pings
 * @param keepAliveTimeout how long to wait for a ping acknowledgement
 * @param tritonGrpcErrorHeader send {@code triton_grpc_error: true} on streams so that errors close
 *     the call with their real status (Triton 24.08 and later)
 * @param meterRegistry where timers and counters go; null = no metrics
 */
public record TritonClientConfig(
    List<String> endpoints,
    Deadlines deadlines,
    int maxInboundMessageSize,
    RetryPolicy retry,
    Duration keepAliveTime,
    Duration keepAliveTimeout,
    boolean tritonGrpcErrorHeader,
    MeterRegistry meterRegistry) {

  /** Triton's own limit (INT32_MAX). */
  public static final int DEFAULT_MAX_INBOUND_MESSAGE_SIZE = Integer.MAX_VALUE;

  public TritonClientConfig {
    Objects.requireNonNull(endpoints, "endpoints");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints must list at least one host:port");
    }
    endpoints = List.copyOf(endpoints);
    for (String e : endpoints) {
      Endpoint.parse(e);
    }
    Objects.requireNonNull(deadlines, "deadlines");
    Objects.requireNonNull(retry, "retry");
    if (maxInboundMessageSize < 1) {
      throw new IllegalArgumentException(
          "maxInboundMessageSize must be positive, got " + maxInboundMessageSize);
    }
    Objects.requireNonNull(keepAliveTime, "keepAliveTime");
    Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
    if (keepAliveTime.isNegative() || keepAliveTimeout.isNegative()) {
      throw new IllegalArgumentException("keep-alive durations must not be negative");
    }
  }

  /** Defaults for the given endpoints: default deadlines and retries, no keep-alive, no metrics. */
  public static TritonClientConfig of(List<String> endpoints) {
    return new TritonClientConfig(
        endpoints,
        Deadlines.defaults(),
        DEFAULT_MAX_INBOUND_MESSAGE_SIZE,
        RetryPolicy.defaults(),
        Duration.ZERO,
        Duration.ofSeconds(20),
        false,
        null);
  }

  /**
   * Parses a comma-separated endpoint list as in {@code acbench.task-runner.inference-endpoints}.
   */
  public static TritonClientConfig of(String commaSeparatedEndpoints) {
    return of(
        java.util.Arrays.stream(commaSeparatedEndpoints.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList());
  }

  public TritonClientConfig withDeadlines(Deadlines d) {
    return new TritonClientConfig(
        endpoints,
        d,
        maxInboundMessageSize,
        retry,
        keepAliveTime,
        keepAliveTimeout,
        tritonGrpcErrorHeader,
        meterRegistry);
  }

  public TritonClientConfig withRetry(RetryPolicy r) {
    return new TritonClientConfig(
        endpoints,
        deadlines,
        maxInboundMessageSize,
        r,
        keepAliveTime,
        keepAliveTimeout,
        tritonGrpcErrorHeader,
        meterRegistry);
  }

  public TritonClientConfig withMaxInboundMessageSize(int bytes) {
    return new TritonClientConfig(
        endpoints,
        deadlines,
        bytes,
        retry,
        keepAliveTime,
        keepAliveTimeout,
        tritonGrpcErrorHeader,
        meterRegistry);
  }

  public TritonClientConfig withKeepAlive(Duration time, Duration timeout) {
    return new TritonClientConfig(
        endpoints,
        deadlines,
        maxInboundMessageSize,
        retry,
        time,
        timeout,
        tritonGrpcErrorHeader,
        meterRegistry);
  }

  public TritonClientConfig withTritonGrpcErrorHeader(boolean on) {
    return new TritonClientConfig(
        endpoints,
        deadlines,
        maxInboundMessageSize,
        retry,
        keepAliveTime,
        keepAliveTimeout,
        on,
        meterRegistry);
  }

  public TritonClientConfig withMeterRegistry(MeterRegistry registry) {
    return new TritonClientConfig(
        endpoints,
        deadlines,
        maxInboundMessageSize,
        retry,
        keepAliveTime,
        keepAliveTimeout,
        tritonGrpcErrorHeader,
        registry);
  }
}
