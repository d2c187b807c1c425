package io.acbench.inference.client;

import io.acbench.contracts.grpc.inference.ModelConfig;
import io.acbench.contracts.grpc.inference.ModelConfigRequest;
import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelMetadataRequest;
import io.acbench.contracts.grpc.inference.ModelMetadataResponse;
import io.acbench.contracts.grpc.inference.ModelReadyRequest;
import io.acbench.contracts.grpc.inference.ModelRepositoryParameter;
import io.acbench.contracts.grpc.inference.ModelStatisticsRequest;
import io.acbench.contracts.grpc.inference.ModelStatisticsResponse;
import io.acbench.contracts.grpc.inference.RepositoryIndexRequest;
import io.acbench.contracts.grpc.inference.RepositoryModelLoadRequest;
import io.acbench.contracts.grpc.inference.RepositoryModelUnloadRequest;
import io.acbench.contracts.grpc.inference.ServerLiveRequest;
import io.acbench.contracts.grpc.inference.ServerMetadataRequest;
import io.acbench.contracts.grpc.inference.ServerMetadataResponse;
import io.acbench.contracts.grpc.inference.ServerReadyRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Client of Triton's {@code inference.GRPCInferenceService} (and of the project's CPU stand-in):
 * streaming generation for vLLM-backend models, probe calls, repository control, health and
 * metadata, with per-call deadlines, the retry policy of the protocol page §5.3, round-robin over
 * endpoints and Micrometer meters. Thread-safe; one instance per process is enough.
 */
public final class TritonClient implements AutoCloseable {

  private final ClientContext ctx;
  private final UnaryExecutor unary;
  private final Set<GenerationCall> running = ConcurrentHashMap.newKeySet();

  public TritonClient(TritonClientConfig config) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("triton-client-retry").unstarted(r));
    this.ctx =
        new ClientContext(
            config,
            new EndpointPool(config),
            new ClientMetrics(config.meterRegistry()),
            new Backoff(config.retry()),
            scheduler);
    this.unary = new UnaryExecutor(ctx);
  }

  public TritonClientConfig config() {
    return ctx.config();
  }

  // ---- health -------------------------------------------------------------------------------

  public boolean serverLive() {
    return unary.call(
        Rpc.SERVER_LIVE,
        "",
        ctx.config().deadlines().health(),
        null,
        s -> s.serverLive(ServerLiveRequest.getDefaultInstance()).getLive());
  }

  public boolean serverReady() {
    return unary.call(
        Rpc.SERVER_READY,
        "",
        ctx.config().deadlines().health(),
        null,
        s -> s.serverReady(ServerReadyRequest.getDefaultInstance()).getReady());
  }

  /**
   * ModelReady of the server's chosen version. Triton answers an unknown model with an error
   * status, not {@code ready=false}: that surfaces as a NOT_FOUND {@link TritonException}.
   */
  public boolean modelReady(String model) {
    return modelReady(model, "");
  }

  public boolean modelReady(String model, String version) {
    ModelReadyRequest request =
        ModelReadyRequest.newBuilder().setName(model).setVersion(version).build();
    return unary.call(
        Rpc.MODEL_READY,
        model,
        ctx.config().deadlines().health(),
        null,
        s -> s.modelReady(request).getReady());
  }

  /** One ModelReady attempt, any error read as "not ready" (§4.3); used before retries. */
  boolean modelReadyQuietly(String model) {
    try {
      return ctx.pool()
          .pick()
          .blocking
          .withDeadlineAfter(ctx.config().deadlines().health().toNanos(), TimeUnit.NANOSECONDS)
          .modelReady(ModelReadyRequest.newBuilder().setName(model).build())
          .getReady();
    } catch (RuntimeException e) {
      return false;
    }
  }

  // ---- metadata -----------------------------------------------------------------------------

  public ServerMetadataResponse serverMetadata() {
    return unary.call(
        Rpc.SERVER_METADATA,
        "",
        ctx.config().deadlines().metadata(),
        null,
        s -> s.serverMetadata(ServerMetadataRequest.getDefaultInstance()));
  }

  public ModelMetadataResponse modelMetadata(String model) {
    ModelMetadataRequest request = ModelMetadataRequest.newBuilder().setName(model).build();
    return unary.call(
        Rpc.MODEL_METADATA,
        model,
        ctx.config().deadlines().metadata(),
        () -> modelReadyQuietly(model),
        s -> s.modelMetadata(request));
  }

  public ModelConfig modelConfig(String model) {
    ModelConfigRequest request = ModelConfigRequest.newBuilder().setName(model).build();
    return unary.call(
        Rpc.MODEL_CONFIG,
        model,
        ctx.config().deadlines().metadata(),
        () -> modelReadyQuietly(model),
        s -> s.modelConfig(request).getConfig());
  }

  /** Statistics of {@code model}, or of every model when {@code model} is empty. */
  public ModelStatisticsResponse modelStatistics(String model) {
    ModelStatisticsRequest request = ModelStatisticsRequest.newBuilder().setName(model).build();
    return unary.call(
        Rpc.MODEL_STATISTICS,
        model,
        ctx.config().deadlines().metadata(),
        null,
        s -> s.modelStatistics(request));
  }

  // ---- repository ---------------------------------------------------------------------------

  public List<ModelIndexEntry> repositoryIndex(boolean readyOnly) {
    RepositoryIndexRequest request =
        RepositoryIndexRequest.newBuilder().setReady(readyOnly).build();
    return unary.call(
        Rpc.REPOSITORY_INDEX,
        "",
        ctx.config().deadlines().metadata(),
        null,
        s ->
            s.repositoryIndex(request).getModelsList().stream()
                .map(
                    m ->
                        new ModelIndexEntry(
                            m.getName(), m.getVersion(), m.getState(), m.getReason()))
                .toList());
  }

  /** Loads or reloads {@code model}; returns when the load has finished (§4.2). */
  public void loadModel(String model) {
    loadModel(model, Map.of());
  }

  /** Loads with parameters such as {@code config} (JSON override) or {@code file:<v>/<name>}. */
  public void loadModel(String model, Map<String, ModelRepositoryParameter> parameters) {
    RepositoryModelLoadRequest request =
        RepositoryModelLoadRequest.newBuilder()
            .setModelName(model)
            .putAllParameters(parameters)
            .build();
    unary.call(
        Rpc.REPOSITORY_MODEL_LOAD,
        model,
        ctx.config().deadlines().repository(),
        null,
        s -> s.repositoryModelLoad(request));
  }

  /** Unloads {@code model}; the server does not wait for the unload to finish. */
  public void unloadModel(String model, boolean unloadDependents) {
    RepositoryModelUnloadRequest.Builder request =
        RepositoryModelUnloadRequest.newBuilder().setModelName(model);
    if (unloadDependents) {
      request.putParameters(
          "unload_dependents", ModelRepositoryParameter.newBuilder().setBoolParam(true).build());
    }
    unary.call(
        Rpc.REPOSITORY_MODEL_UNLOAD,
        model,
        ctx.config().deadlines().repository(),
        null,
        s -> s.repositoryModelUnload(request.build()));
  }

  // ---- inference ----------------------------------------------------------------------------

  /** A plain ModelInfer call (non-decoupled models), outputs decoded from raw contents. */
  public InferResult infer(ModelInferRequest request) {
    String model = request.getModelName();
    return unary.call(
        Rpc.MODEL_INFER,
        model,
        ctx.config().deadlines().infer(),
        () -> modelReadyQuietly(model),
        s -> InferResult.decode(s.modelInfer(request)));
  }

  /** One probe call (project probe contract) through ModelInfer. */
  public ProbeResult probe(ProbeRequest request) {
    InferResult r = infer(request.toProto(newRequestId()));
    return ProbeResult.decode(r, request.batchSize());
  }

  /** Starts a generation; {@code listener} receives chunks and exactly one terminal callback. */
  public Generation generate(GenerationRequest request, GenerationListener listener) {
    GenerationListener tracking =
        new GenerationListener() {
          @Override
          public void onChunk(GenerationChunk chunk) {
            listener.onChunk(chunk);
          }

          @Override
          public void onComplete(GenerationResult result) {
            running.removeIf(GenerationCall::isDone);
            listener.onComplete(result);
          }

          @Override
          public void onError(TritonException error) {
            running.removeIf(GenerationCall::isDone);
            listener.onError(error);
          }
        };
    GenerationCall call =
        new GenerationCall(
            ctx, request, newRequestId(), tracking, () -> modelReadyQuietly(request.modelName()));
    running.add(call);
    call.start();
    return call;
  }

  /** A generation as a future; cancelling the future cancels the gRPC call. */
  public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request) {
    CompletableFuture<GenerationResult> future = new CompletableFuture<>();
    Generation g =
        generate(
            request,
            new GenerationListener() {
              @Override
              public void onComplete(GenerationResult result) {
                future.complete(result);
              }

              @Override
              public void onError(TritonException error) {
                future.completeExceptionally(error);
              }
            });
    future.whenComplete(
        (r, t) -> {
          if (future.isCancelled()) {
            g.cancel();
          }
        });
    return future;
  }

  /** A generation as a blocking iterator of chunks; close it to cancel early. */
  public GenerationStream generateStream(GenerationRequest request) {
    GenerationStream stream = new GenerationStream();
    stream.attach(generate(request, stream.listener()));
    return stream;
  }

  private static String newRequestId() {
    return UUID.randomUUID().toString();
  }

  /**
   * Closes the channels. Running calls fail with UNAVAILABLE, and so does a generation that was
   * waiting for a retry.
   */
  @Override
  public void close() {
    ctx.scheduler().shutdownNow();
    ctx.pool().close();
    for (GenerationCall call : List.copyOf(running)) {
      call.abort("the client was closed");
    }
  }
}
