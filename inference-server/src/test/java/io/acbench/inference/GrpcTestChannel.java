package io.acbench.inference;

import io.acbench.contracts.grpc.inference.GRPCInferenceServiceGrpc;
import io.acbench.contracts.grpc.inference.RepositoryModelLoadRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.eclipse.microprofile.config.ConfigProvider;

/** A real plaintext channel to the gRPC server the @QuarkusTest started. */
public final class GrpcTestChannel {

  private static ManagedChannel channel;

  private GrpcTestChannel() {}

  public static synchronized ManagedChannel channel() {
    if (channel == null) {
      channel =
          ManagedChannelBuilder.forAddress("localhost", port())
              .usePlaintext()
              .maxInboundMessageSize(Integer.MAX_VALUE)
              .build();
    }
    return channel;
  }

  public static int port() {
    return ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
  }

  public static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub blocking() {
    return GRPCInferenceServiceGrpc.newBlockingStub(channel());
  }

  public static GRPCInferenceServiceGrpc.GRPCInferenceServiceStub async() {
    return GRPCInferenceServiceGrpc.newStub(channel());
  }

  /** Writes the fixture repository and loads {@code model}. */
  public static void load(String model) throws Exception {
    TestRepository.write();
    blocking()
        .repositoryModelLoad(RepositoryModelLoadRequest.newBuilder().setModelName(model).build());
  }
}
