package io.acbench.compressor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acbench.compressor.config.CompressorConfig;
import io.acbench.compressor.idempotence.OutcomeJournal;
import io.acbench.compressor.registry.TritonInferenceRegistry;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.events.EvaluationRequested.VariantSpec;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.grpc.inference.GRPCInferenceServiceGrpc;
import io.acbench.contracts.grpc.inference.RepositoryIndexRequest;
import io.acbench.contracts.grpc.inference.RepositoryIndexResponse;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.runtime.fixtures.FixtureModels;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two lifecycles of the service over one artifact directory, each with its own real gRPC backend
 * (the second, like a restarted server, has loaded nothing): the redelivered request after the
 * restart re-registers the variants and re-emits the very same {@code model.ready} and
 * non-retryable {@code compression.failed}, without compressing, even with a corrupt journal line.
 * The emitters record what the service sends; Kafka itself is covered by {@link
 * CompressionFlowTest}.
 */
class CompressionServiceRestartTest {

  @TempDir Path tmp;

  @Test
  void aRedeliveredRequestAfterARestartReEmitsTheSameOutcomesWithoutCompressing() throws Exception {
    Path model = tmp.resolve("tiny-qwen2");
    FixtureModels.write("qwen2", "tiny", 5, model);
    Path root = tmp.resolve("state");
    EvaluationRequested request =
        EvaluationRequested.of(
            "ev-restart",
            model.toString(),
            "tiny",
            List.of(
                new VariantSpec(
                    "rtn-tasks",
                    "rtn",
                    Map.of("nsamples", "3", "seqlen", "16", "calibration", "tasks")),
                new VariantSpec("rtn-w3", "rtn", Map.of("bits", "3"))),
            List.of("teval/plan_str"),
            Map.of());

    Lifecycle first = new Lifecycle(root);
    first.service.submit(request);
    await().atMost(Duration.ofMinutes(2)).until(() -> first.ready.size() == 2);
    await().atMost(Duration.ofSeconds(30)).until(() -> first.failed.size() == 1);
    Map<String, ModelReady> ready = byVariant(first.ready);
    ModelReady rtn = ready.get("rtn-tasks");
    Path report = Path.of(URI.create(rtn.artifactUri())).resolve("compression-report.json");
    String createdAt = new ObjectMapper().readTree(report.toFile()).get("createdAt").asText();
    assertThat(new ObjectMapper().readTree(report.toFile()).at("/calibration/source").asText())
        .startsWith("prompts of tasks teval/plan_str");
    assertThat(first.progress).isNotEmpty();
    assertThat(first.service.builtCount()).isEqualTo(1.0);
    assertThat(first.loadedModels())
        .containsExactlyInAnyOrder(ready.get("base").modelName(), rtn.modelName());
    first.close();

    Path journal = root.resolve("artifacts/idempotence").resolve(OutcomeJournal.FILE);
    Files.writeString(journal, "not json at all\n{\"crc32\":", StandardOpenOption.APPEND);

    Lifecycle second = new Lifecycle(root);
    assertThat(second.loadedModels()).isEmpty();
    second.service.submit(request);
    await().atMost(Duration.ofMinutes(1)).until(() -> second.ready.size() == 2);
    await().atMost(Duration.ofSeconds(30)).until(() -> second.failed.size() == 1);
    assertThat(byVariant(second.ready)).isEqualTo(ready);
    assertThat(second.ready).containsExactlyInAnyOrderElementsOf(first.ready);
    assertThat(second.failed).isEqualTo(first.failed);
    assertThat(EventJson.read(second.failed.getFirst(), CompressionFailed.class).retryable())
        .isFalse();
    assertThat(second.progress).isEmpty();
    assertThat(second.service.builtCount()).isZero();
    assertThat(new ObjectMapper().readTree(report.toFile()).get("createdAt").asText())
        .isEqualTo(createdAt);
    assertThat(second.loadedModels())
        .containsExactlyInAnyOrder(ready.get("base").modelName(), rtn.modelName());
    second.close();
  }

  @Test
  void aRetryableFailureIsRetriedAfterARestartAndAVanishedArtifactIsBuiltAgain() throws Exception {
    Path model = tmp.resolve("tiny-llama");
    FixtureModels.write("llama", "tiny", 6, model);
    Path root = tmp.resolve("state");
    EvaluationRequested request =
        EvaluationRequested.of(
            "ev-retry",
            model.toString(),
            "tiny",
            List.of(new VariantSpec("rtn-w4", "rtn", Map.of("nsamples", "3", "seqlen", "16"))),
            List.of("worfbench/os"),
            Map.of());

    Lifecycle down = new Lifecycle(root, Duration.ofSeconds(2));
    down.backend.stop();
    down.service.submit(request);
    await().atMost(Duration.ofMinutes(2)).until(() -> down.failed.size() == 2);
    assertThat(down.failed)
        .allSatisfy(
            f -> assertThat(EventJson.read(f, CompressionFailed.class).retryable()).isTrue());
    assertThat(down.service.builtCount()).isEqualTo(1.0);
    down.close();

    Lifecycle up = new Lifecycle(root);
    up.service.submit(request);
    await().atMost(Duration.ofMinutes(1)).until(() -> up.ready.size() == 2);
    assertThat(up.failed).isEmpty();
    assertThat(up.service.builtCount()).isZero();
    Map<String, ModelReady> ready = byVariant(up.ready);
    up.close();

    Path artifact = Path.of(URI.create(ready.get("rtn-w4").artifactUri()));
    try (var walk = Files.walk(artifact)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Lifecycle rebuilt = new Lifecycle(root);
    rebuilt.service.submit(request);
    await().atMost(Duration.ofMinutes(2)).until(() -> rebuilt.ready.size() == 2);
    Map<String, ModelReady> again = byVariant(rebuilt.ready);
    assertThat(rebuilt.service.builtCount()).isEqualTo(1.0);
    assertThat(rebuilt.progress).isNotEmpty();
    assertThat(again.get("base")).isEqualTo(ready.get("base"));
    assertThat(again.get("rtn-w4").eventId()).isNotEqualTo(ready.get("rtn-w4").eventId());
    assertThat(again.get("rtn-w4").artifactUri()).isEqualTo(ready.get("rtn-w4").artifactUri());
    assertThat(again.get("rtn-w4").artifactDigest())
        .isEqualTo(ready.get("rtn-w4").artifactDigest());
    assertThat(artifact.resolve("config.json")).exists();
    rebuilt.close();
  }

  private static Map<String, ModelReady> byVariant(List<String> payloads) {
    return payloads.stream()
        .map(p -> EventJson.read(p, ModelReady.class))
        .collect(Collectors.toMap(ModelReady::variantId, Function.identity()));
  }

  /** One service instance with its own backend over {@code root}. */
  private static final class Lifecycle implements AutoCloseable {
    final List<String> progress = new CopyOnWriteArrayList<>();
    final List<String> ready = new CopyOnWriteArrayList<>();
    final List<String> failed = new CopyOnWriteArrayList<>();
    final FakeInferenceServerResource backend;
    final TritonInferenceRegistry registry;
    final CompressionService service;
    final int port;

    Lifecycle(Path root) {
      this(root, Duration.ofSeconds(30));
    }

    Lifecycle(Path root, Duration registerTimeout) {
      backend = new FakeInferenceServerResource(root);
      Map<String, String> props = backend.start();
      String endpoint = props.get("acbench.compressor.inference-endpoint");
      port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
      registry = new TritonInferenceRegistry(endpoint, registerTimeout);
      service =
          new CompressionService(
              new Recording(progress),
              new Recording(ready),
              new Recording(failed),
              config(
                  Path.of(props.get("acbench.compressor.artifact-dir")),
                  Path.of(props.get("acbench.compressor.model-repository")),
                  endpoint),
              registry,
              new SimpleMeterRegistry());
    }

    List<String> loadedModels() {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("localhost", port).usePlaintext().build();
      try {
        return GRPCInferenceServiceGrpc.newBlockingStub(channel)
            .repositoryIndex(RepositoryIndexRequest.getDefaultInstance())
            .getModelsList()
            .stream()
            .map(RepositoryIndexResponse.ModelIndex::getName)
            .toList();
      } finally {
        channel.shutdownNow();
      }
    }

    @Override
    public void close() {
      service.stop();
      registry.close();
      backend.stop();
    }
  }

  private static CompressorConfig config(Path artifacts, Path repository, String endpoint) {
    return new CompressorConfig() {
      @Override
      public Path artifactDir() {
        return artifacts;
      }

      @Override
      public Optional<Path> modelRepository() {
        return Optional.of(repository);
      }

      @Override
      public Optional<String> inferenceEndpoint() {
        return Optional.of(endpoint);
      }

      @Override
      public Duration registerTimeout() {
        return Duration.ofSeconds(30);
      }

      @Override
      public Optional<Path> datasetDir() {
        return Optional.empty();
      }

      @Override
      public String worfbenchMode() {
        return "parity";
      }

      @Override
      public String tevalTemplate() {
        return "qwen";
      }

      @Override
      public String eventSource() {
        return "/test/compressor-service";
      }
    };
  }

  /** Records the payloads the service sends on one channel. */
  private record Recording(List<String> payloads) implements Emitter<String> {
    @Override
    public CompletionStage<Void> send(String payload) {
      payloads.add(payload);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public <M extends Message<? extends String>> void send(M message) {
      payloads.add(message.getPayload());
    }

    @Override
    public void complete() {}

    @Override
    public void error(Exception e) {}

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean hasRequests() {
      return true;
    }
  }
}
