package io.acbench.inference.grpc;

import io.acbench.contracts.grpc.inference.GRPCInferenceServiceGrpc;
import io.acbench.contracts.grpc.inference.ModelConfigRequest;
import io.acbench.contracts.grpc.inference.ModelConfigResponse;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelInferResponse;
import io.acbench.contracts.grpc.inference.ModelInput;
import io.acbench.contracts.grpc.inference.ModelMetadataRequest;
import io.acbench.contracts.grpc.inference.ModelMetadataResponse;
import io.acbench.contracts.grpc.inference.ModelMetadataResponse.TensorMetadata;
import io.acbench.contracts.grpc.inference.ModelOutput;
import io.acbench.contracts.grpc.inference.ModelReadyRequest;
import io.acbench.contracts.grpc.inference.ModelReadyResponse;
import io.acbench.contracts.grpc.inference.ModelStatisticsRequest;
import io.acbench.contracts.grpc.inference.ModelStatisticsResponse;
import io.acbench.contracts.grpc.inference.ModelStreamInferResponse;
import io.acbench.contracts.grpc.inference.RepositoryIndexRequest;
import io.acbench.contracts.grpc.inference.RepositoryIndexResponse;
import io.acbench.contracts.grpc.inference.RepositoryModelLoadRequest;
import io.acbench.contracts.grpc.inference.RepositoryModelLoadResponse;
import io.acbench.contracts.grpc.inference.RepositoryModelUnloadRequest;
import io.acbench.contracts.grpc.inference.RepositoryModelUnloadResponse;
import io.acbench.contracts.grpc.inference.ServerLiveRequest;
import io.acbench.contracts.grpc.inference.ServerLiveResponse;
import io.acbench.contracts.grpc.inference.ServerMetadataRequest;
import io.acbench.contracts.grpc.inference.ServerMetadataResponse;
import io.acbench.contracts.grpc.inference.ServerReadyRequest;
import io.acbench.contracts.grpc.inference.ServerReadyResponse;
import io.acbench.inference.config.InferenceServerConfig;
import io.acbench.inference.model.LoadedModel;
import io.acbench.inference.model.ModelManager;
import io.acbench.inference.tensor.DataTypes;
import io.acbench.inference.tensor.InferenceException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code inference.GRPCInferenceService} over the model repository. Shared-memory, trace and log
 * RPCs keep the generated base class's answer, UNIMPLEMENTED.
 */
@GrpcService
public class InferenceGrpcService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

  /** Extensions reported by ServerMetadata: those this server implements. */
  static final List<String> EXTENSIONS =
      List.of(
          "model_repository",
          "model_configuration",
          "statistics",
          "parameters",
          "binary_tensor_data");

  private final ModelManager models;
  private final InferenceRouter router;
  private final InferenceServerConfig config;

  public InferenceGrpcService(
      ModelManager models, InferenceRouter router, InferenceServerConfig config) {
    this.models = models;
    this.router = router;
    this.config = config;
  }

  @Override
  public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> o) {
    reply(o, () -> ServerLiveResponse.newBuilder().setLive(true).build());
  }

  @Override
  public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> o) {
    reply(o, () -> ServerReadyResponse.newBuilder().setReady(models.serverReady()).build());
  }

  @Override
  public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> o) {
    reply(
        o,
        () -> {
          models.resolve(request.getName(), request.getVersion());
          return ModelReadyResponse.newBuilder().setReady(true).build();
        });
  }

  @Override
  public void serverMetadata(
      ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> o) {
    reply(
        o,
        () ->
            ServerMetadataResponse.newBuilder()
                .setName("triton")
                .setVersion(config.serverVersion())
                .addAllExtensions(EXTENSIONS)
                .build());
  }

  @Override
  public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> o) {
    reply(
        o,
        () -> {
          LoadedModel m = models.resolve(request.getName(), request.getVersion());
          var c = m.definition().config();
          var b =
              ModelMetadataResponse.newBuilder()
                  .setName(m.name())
                  .addVersions(m.version())
                  .setPlatform(c.getPlatform().isEmpty() ? c.getBackend() : c.getPlatform());
          for (ModelInput in : c.getInputList()) {
            b.addInputs(
                TensorMetadata.newBuilder()
                    .setName(in.getName())
                    .setDatatype(DataTypes.wireName(in.getDataType()))
                    .addAllShape(in.getDimsList()));
          }
          for (ModelOutput out : c.getOutputList()) {
            b.addOutputs(
                TensorMetadata.newBuilder()
                    .setName(out.getName())
                    .setDatatype(DataTypes.wireName(out.getDataType()))
                    .addAllShape(out.getDimsList()));
          }
          return b.build();
        });
  }

  @Override
  public void modelConfig(ModelConfigRequest request, StreamObserver<ModelConfigResponse> o) {
    reply(
        o,
        () -> {
          LoadedModel m = models.resolve(request.getName(), request.getVersion());
          return ModelConfigResponse.newBuilder().setConfig(m.definition().config()).build();
        });
  }

  @Override
  public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> o) {
    try {
      router.infer(request, o);
    } catch (InferenceException e) {
      o.onError(e.toStatus());
    }
  }

  @Override
  public StreamObserver<ModelInferRequest> modelStreamInfer(
      StreamObserver<ModelStreamInferResponse> o) {
    return new StreamSession(o, router, GrpcErrorHeader.enabled());
  }

  @Override
  public void modelStatistics(
      ModelStatisticsRequest request, StreamObserver<ModelStatisticsResponse> o) {
    reply(
        o,
        () -> {
          var b = ModelStatisticsResponse.newBuilder();
          if (request.getName().isEmpty()) {
            models.withStats().forEach(m -> b.addModelStats(m.stats().proto()));
            return b.build();
          }
          LoadedModel m = models.resolve(request.getName(), request.getVersion());
          return b.addModelStats(m.stats().proto()).build();
        });
  }

  @Override
  public void repositoryIndex(
      RepositoryIndexRequest request, StreamObserver<RepositoryIndexResponse> o) {
    reply(
        o,
        () -> {
          var b = RepositoryIndexResponse.newBuilder();
          for (LoadedModel m : models.index()) {
            if (request.getReady() && !m.ready()) {
              continue;
            }
            b.addModels(
                RepositoryIndexResponse.ModelIndex.newBuilder()
                    .setName(m.name())
                    .setVersion(m.version())
                    .setState(m.state())
                    .setReason(m.reason()));
          }
          return b.build();
        });
  }

  @Override
  public void repositoryModelLoad(
      RepositoryModelLoadRequest request, StreamObserver<RepositoryModelLoadResponse> o) {
    if (!request.getParametersMap().isEmpty()) {
      o.onError(
          InferenceException.invalid(
                  "load parameters ('config', 'file:…') are not supported by this server")
              .toStatus());
      return;
    }
    try {
      router.submit(
          () ->
              reply(
                  o,
                  () -> {
                    models.load(request.getModelName());
                    return RepositoryModelLoadResponse.getDefaultInstance();
                  }));
    } catch (InferenceException e) {
      o.onError(e.toStatus());
    }
  }

  @Override
  public void repositoryModelUnload(
      RepositoryModelUnloadRequest request, StreamObserver<RepositoryModelUnloadResponse> o) {
    reply(
        o,
        () -> {
          models.unload(request.getModelName());
          return RepositoryModelUnloadResponse.getDefaultInstance();
        });
  }

  private static <T> void reply(StreamObserver<T> o, Supplier<T> body) {
    T value;
    try {
      value = body.get();
    } catch (InferenceException e) {
      o.onError(e.toStatus());
      return;
    } catch (RuntimeException e) {
      o.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    o.onNext(value);
    o.onCompleted();
  }
}
