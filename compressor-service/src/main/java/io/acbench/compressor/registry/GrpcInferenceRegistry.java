package io.acbench.compressor.registry;

import io.acbench.contracts.grpc.inference.GRPCInferenceServiceGrpc;
import io.acbench.contracts.grpc.inference.RepositoryModelLoadRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Registers variants with a KServe v2 / Triton server over gRPC: {@code RepositoryModelLoad} with
 * the model name (kserve-v2-protocol §1.7, §4.2; the server must run in EXPLICIT model control).
 */
public final class GrpcInferenceRegistry implements InferenceRegistry, AutoCloseable {

  private final String endpoint;
  private final ManagedChannel channel;
  private final Duration timeout;

  public GrpcInferenceRegistry(String endpoint, Duration timeout) {
    this.endpoint = endpoint;
    this.channel = NettyChannelBuilder.forTarget(endpoint).usePlaintext().build();
    this.timeout = timeout;
  }

  @Override
  public void register(String modelName, Path entryDir) {
    RepositoryModelLoadRequest request =
        RepositoryModelLoadRequest.newBuilder().setModelName(modelName).build();
    try {
      GRPCInferenceServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .repositoryModelLoad(request);
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      boolean retryable =
          code == Status.Code.UNAVAILABLE
              || code == Status.Code.DEADLINE_EXCEEDED
              || code == Status.Code.RESOURCE_EXHAUSTED;
      throw new RegistrationException(
          "RepositoryModelLoad of "
              + modelName
              + " at "
              + endpoint
              + " failed: "
              + code
              + (e.getStatus().getDescription() == null
                  ? ""
                  : " (" + e.getStatus().getDescription() + ")"),
          retryable,
          e);
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
