package io.acbench.inference;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/** Gives the test gRPC server a free port, shared by every @QuarkusTest of the module. */
@QuarkusTestResource(value = GrpcPortResource.class, restrictToAnnotatedClass = false)
public class GrpcPortResource implements QuarkusTestResourceLifecycleManager {

  static volatile int port;

  @Override
  public Map<String, String> start() {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of("quarkus.grpc.server.test-port", String.valueOf(port));
  }

  @Override
  public void stop() {}
}
