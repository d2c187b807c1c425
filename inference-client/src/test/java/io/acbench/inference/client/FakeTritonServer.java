package io.acbench.inference.client;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** A real Netty gRPC server on a free localhost port serving a {@link ScriptedInferenceService}. */
final class FakeTritonServer implements AutoCloseable {

  final ScriptedInferenceService service = new ScriptedInferenceService();
  private final Server server;

  private FakeTritonServer() throws IOException {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("localhost", 0))
            .addService(service)
            .maxInboundMessageSize(64 * 1024 * 1024)
            .build()
            .start();
  }

  static FakeTritonServer start() throws IOException {
    return new FakeTritonServer();
  }

  String target() {
    return "localhost:" + server.getPort();
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }
}
