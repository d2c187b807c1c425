package io.acbench.inference.client;

import io.acbench.contracts.grpc.inference.GRPCInferenceServiceGrpc;
import io.grpc.ManagedChannel;

/**
 * One server endpoint: its channel and stubs, and until when round-robin skips it after an
 * UNAVAILABLE answer.
 */
final class Endpoint {

  final String target;
  final ManagedChannel channel;
  final GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub blocking;
  final GRPCInferenceServiceGrpc.GRPCInferenceServiceStub async;
  private volatile long coolDownUntilNanos;
  private volatile boolean coolingDown;

  Endpoint(String target, ManagedChannel channel) {
    this.target = target;
    this.channel = channel;
    this.blocking = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    this.async = GRPCInferenceServiceGrpc.newStub(channel);
  }

  /** Validates {@code host:port}; returns the port. */
  static int parse(String target) {
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("endpoint must be host:port, got an empty value");
    }
    int colon = target.lastIndexOf(':');
    if (colon <= 0 || colon == target.length() - 1) {
      throw new IllegalArgumentException("endpoint must be host:port, got '" + target + "'");
    }
    try {
      int port = Integer.parseInt(target.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "endpoint port must be an integer in [1, 65535], got '" + target + "'");
    }
  }

  void coolDown(long untilNanos) {
    coolDownUntilNanos = untilNanos;
    coolingDown = true;
  }

  boolean available(long nowNanos) {
    return !coolingDown || nowNanos - coolDownUntilNanos >= 0;
  }

  long coolDownUntilNanos() {
    return coolDownUntilNanos;
  }

  @Override
  public String toString() {
    return target;
  }
}
