package io.acbench.inference.client;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A real Netty gRPC server on a free localhost port serving a {@link ScriptedInferenceService}. */
final class FakeTritonServer implements AutoCloseable {

  final ScriptedInferenceService service = new ScriptedInferenceService();

  /** The {@code triton_grpc_error} header of the last call, null when absent. */
  final AtomicReference<String> lastErrorHeader = new AtomicReference<>();

  private final Server server;
  private final int port;

  private FakeTritonServer() throws IOException {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("localhost", 0))
            .addService(ServerInterceptors.intercept(service, new HeaderRecorder()))
            .maxInboundMessageSize(64 * 1024 * 1024)
            .build()
            .start();
    port = server.getPort();
  }

  private final class HeaderRecorder implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      lastErrorHeader.set(
          headers.get(Metadata.Key.of("triton_grpc_error", Metadata.ASCII_STRING_MARSHALLER)));
      return next.startCall(call, headers);
    }
  }

  static FakeTritonServer start() throws IOException {
    return new FakeTritonServer();
  }

  String target() {
    return "localhost:" + port;
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }
}
