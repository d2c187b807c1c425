package io.acbench.compressor.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acbench.contracts.grpc.inference.GRPCInferenceServiceGrpc;
import io.acbench.contracts.grpc.inference.RepositoryIndexRequest;
import io.acbench.contracts.grpc.inference.RepositoryIndexResponse;
import io.acbench.contracts.grpc.inference.RepositoryModelLoadRequest;
import io.acbench.contracts.grpc.inference.RepositoryModelLoadResponse;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real gRPC server (Netty, free port) standing in for the inference backend's model-repository
 * API: RepositoryModelLoad succeeds only when {@code <repo>/<name>/config.pbtxt} parses as a Triton
 * model config named like its directory (when it names one) that says {@code backend: "vllm"} or
 * carries the probe parameter {@code acbench_kind: "probe"} (then with {@code 1/model.py}), and
 * {@code 1/model.json} points at a directory with a {@code config.json}; RepositoryIndex lists what
 * was loaded. Also gives the service a fresh artifact directory.
 */
public class FakeInferenceServerResource implements QuarkusTestResourceLifecycleManager {

  static final String PORT_PROPERTY = "acbench.test.fake-inference.port";
  static final String REPOSITORY_PROPERTY = "acbench.test.fake-inference.repository";

  private final Path fixedRoot;
  private Server server;

  /** A server over a fresh temporary directory (the Quarkus test resource). */
  public FakeInferenceServerResource() {
    this(null);
  }

  /**
   * A server over {@code root} ({@code model-repository}, {@code artifacts} below it), so that a
   * second server, like a restarted backend, reads the same repository but has loaded nothing.
   */
  FakeInferenceServerResource(Path root) {
    this.fixedRoot = root;
  }

  @Override
  public Map<String, String> start() {
    try {
      Path root =
          fixedRoot != null ? fixedRoot : Files.createTempDirectory("acbench-compressor-test-");
      Path repository = root.resolve("model-repository");
      Set<String> loaded = ConcurrentHashMap.newKeySet();
      server =
          NettyServerBuilder.forPort(0)
              .addService(new Repository(repository, loaded))
              .build()
              .start();
      System.setProperty(PORT_PROPERTY, Integer.toString(server.getPort()));
      System.setProperty(REPOSITORY_PROPERTY, repository.toString());
      return Map.of(
          "acbench.compressor.inference-endpoint", "localhost:" + server.getPort(),
          "acbench.compressor.model-repository", repository.toString(),
          "acbench.compressor.artifact-dir", root.resolve("artifacts").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.shutdownNow();
    }
  }

  private static final class Repository
      extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    private final Path repository;
    private final Set<String> loaded;

    Repository(Path repository, Set<String> loaded) {
      this.repository = repository;
      this.loaded = loaded;
    }

    @Override
    public void repositoryModelLoad(
        RepositoryModelLoadRequest request, StreamObserver<RepositoryModelLoadResponse> out) {
      Path entry = repository.resolve(request.getModelName());
      try {
        var config = io.acbench.contracts.grpc.inference.ModelConfig.newBuilder();
        com.google.protobuf.TextFormat.getParser()
            .merge(Files.readString(entry.resolve("config.pbtxt")), config);
        var kind = config.getParametersMap().get("acbench_kind");
        boolean probe =
            kind != null
                && kind.getStringValue().equals("probe")
                && Files.isRegularFile(entry.resolve("1").resolve("model.py"));
        boolean named =
            config.getName().isEmpty() || config.getName().equals(request.getModelName());
        String model =
            new ObjectMapper()
                .readTree(entry.resolve("1").resolve("model.json").toFile())
                .get("model")
                .asText();
        if (!(config.getBackend().equals("vllm") || probe)
            || !named
            || !Files.isRegularFile(Path.of(model).resolve("config.json"))) {
          throw new IOException("entry does not point at a checkpoint");
        }
      } catch (IOException | RuntimeException e) {
        out.onError(
            Status.NOT_FOUND
                .withDescription("no loadable model " + request.getModelName() + ": " + e)
                .asRuntimeException());
        return;
      }
      loaded.add(request.getModelName());
      out.onNext(RepositoryModelLoadResponse.getDefaultInstance());
      out.onCompleted();
    }

    @Override
    public void repositoryIndex(
        RepositoryIndexRequest request, StreamObserver<RepositoryIndexResponse> out) {
      RepositoryIndexResponse.Builder response = RepositoryIndexResponse.newBuilder();
      loaded.forEach(
          name ->
              response.addModels(
                  RepositoryIndexResponse.ModelIndex.newBuilder().setName(name).setState("READY")));
      out.onNext(response.build());
      out.onCompleted();
    }
  }
}
