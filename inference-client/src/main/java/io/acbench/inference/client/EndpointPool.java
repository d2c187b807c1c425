package io.acbench.inference.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client-side round-robin over several endpoints, one long-lived HTTP/2 channel each (a plain
 * Kubernetes Service balances per connection, protocol page §7). An endpoint that answered
 * UNAVAILABLE is skipped for the cool-down; when every endpoint is cooling down, the one whose
 * cool-down ends first is used.
 */
final class EndpointPool implements AutoCloseable {

  private final List<Endpoint> endpoints;
  private final AtomicInteger next = new AtomicInteger();
  private final long coolDownNanos;

  EndpointPool(TritonClientConfig config) {
    List<Endpoint> list = new ArrayList<>();
    for (String target : config.endpoints()) {
      list.add(new Endpoint(target, channel(target, config)));
    }
    this.endpoints = List.copyOf(list);
    this.coolDownNanos = config.retry().endpointCooldown().toNanos();
  }

  private static ManagedChannel channel(String target, TritonClientConfig config) {
    NettyChannelBuilder b =
        NettyChannelBuilder.forTarget(target)
            .usePlaintext()
            .maxInboundMessageSize(config.maxInboundMessageSize())
            .maxInboundMetadataSize(64 * 1024);
    if (!config.keepAliveTime().isZero()) {
      b.keepAliveTime(config.keepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
          .keepAliveTimeout(config.keepAliveTimeout().toNanos(), TimeUnit.NANOSECONDS)
          .keepAliveWithoutCalls(false);
    }
    return b.build();
  }

  /** The next endpoint in round-robin order that is not cooling down. */
  Endpoint pick() {
    long now = System.nanoTime();
    int n = endpoints.size();
    int start = Math.floorMod(next.getAndIncrement(), n);
    Endpoint soonest = null;
    for (int i = 0; i < n; i++) {
      Endpoint e = endpoints.get((start + i) % n);
      if (e.available(now)) {
        return e;
      }
      if (soonest == null || e.coolDownUntilNanos() - soonest.coolDownUntilNanos() < 0) {
        soonest = e;
      }
    }
    return soonest;
  }

  /** Skips {@code e} for the configured cool-down. */
  void markUnavailable(Endpoint e) {
    if (coolDownNanos > 0) {
      e.coolDown(System.nanoTime() + coolDownNanos);
    }
  }

  @Override
  public void close() {
    for (Endpoint e : endpoints) {
      e.channel.shutdownNow();
    }
    for (Endpoint e : endpoints) {
      try {
        e.channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
