package io.acbench.inference.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.acbench.contracts.grpc.inference.ModelInferRequest;
import io.acbench.contracts.grpc.inference.ModelRepositoryParameter;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnaryCallsTest {

  static final RetryPolicy FAST_RETRIES =
      new RetryPolicy(
          4, Duration.ofMillis(10), Duration.ofMillis(40), 2.0, 0.5, Duration.ofSeconds(30), 1L);

  private FakeTritonServer server;
  private TritonClient client;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void start() throws Exception {
    server = FakeTritonServer.start();
    client =
        new TritonClient(
            TritonClientConfig.of(List.of(server.target()))
                .withDeadlines(Deadlines.all(Duration.ofSeconds(5)))
                .withRetry(FAST_RETRIES)
                .withMeterRegistry(registry));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void unavailableIsRetriedUntilTheServerAnswers() {
    server.service.failNext(2, Status.UNAVAILABLE.withDescription("Server not ready"));

    assertThat(client.serverLive()).isTrue();

    assertThat(server.service.callCount(Rpc.SERVER_LIVE)).isEqualTo(3);
    assertThat(
            registry
                .counter(
                    ClientMetrics.RETRIES,
                    "rpc",
                    "ServerLive",
                    "model",
                    "none",
                    "code",
                    "UNAVAILABLE")
                .count())
        .isEqualTo(2.0);
    assertThat(
            registry
                .timer(ClientMetrics.CALLS, "rpc", "ServerLive", "model", "none", "outcome", "OK")
                .count())
        .isEqualTo(1);
  }

  @Test
  void invalidArgumentFailsAtOnceWithCodeModelAndServerMessage() {
    server.service.failNext(
        1, Status.INVALID_ARGUMENT.withDescription("unexpected shape for input 'x' for model 'm'"));

    TritonException e = catchThrowableOfType(TritonException.class, () -> client.loadModel("m"));

    assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.modelName()).isEqualTo("m");
    assertThat(e.rpc()).isEqualTo("RepositoryModelLoad");
    assertThat(e.serverMessage()).isEqualTo("unexpected shape for input 'x' for model 'm'");
    assertThat(e.getMessage())
        .isEqualTo(
            "RepositoryModelLoad on model 'm' failed with INVALID_ARGUMENT: unexpected shape for"
                + " input 'x' for model 'm'");
    assertThat(server.service.callCount(Rpc.REPOSITORY_MODEL_LOAD)).isEqualTo(1);
    assertThat(
            registry
                .timer(
                    ClientMetrics.CALLS,
                    "rpc",
                    "RepositoryModelLoad",
                    "model",
                    "m",
                    "outcome",
                    "INVALID_ARGUMENT")
                .count())
        .isEqualTo(1);
  }

  @Test
  void internalIsRetriedExactlyOnce() {
    server.service.failNext(5, Status.INTERNAL.withDescription("backend crashed"));

    assertThatThrownBy(() -> client.serverLive())
        .isInstanceOfSatisfying(
            TritonException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INTERNAL));
    assertThat(server.service.callCount(Rpc.SERVER_LIVE)).isEqualTo(2);
  }

  @Test
  void retriesStopAtMaxAttempts() {
    server.service.failNext(10, Status.UNAVAILABLE.withDescription("Exceeds maximum queue size"));

    assertThatThrownBy(() -> client.serverLive())
        .isInstanceOfSatisfying(
            TritonException.class,
            e -> assertThat(e.serverMessage()).isEqualTo("Exceeds maximum queue size"));
    assertThat(server.service.callCount(Rpc.SERVER_LIVE)).isEqualTo(FAST_RETRIES.maxAttempts());
  }

  @Test
  void deadlineExceededSurfacesClearlyAndIsNotRetried() {
    try (TritonClient hurried =
        new TritonClient(
            TritonClientConfig.of(List.of(server.target()))
                .withDeadlines(Deadlines.defaults().withInfer(Duration.ofMillis(200)))
                .withRetry(FAST_RETRIES))) {
      // Connect first, so that the deadline runs out while the server is working.
      assertThat(hurried.serverLive()).isTrue();
      server.service.delay = Duration.ofSeconds(2);
      ModelInferRequest request = ModelInferRequest.newBuilder().setModelName("probe").build();

      TritonException e = catchThrowableOfType(TritonException.class, () -> hurried.infer(request));

      assertThat(e.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(e.modelName()).isEqualTo("probe");
      assertThat(e.getMessage()).contains("ModelInfer on model 'probe'", "deadline of PT0.2S");
      assertThat(server.service.callCount(Rpc.MODEL_INFER)).isEqualTo(1);
    }
  }

  @Test
  void noAvailableVersionsIsRetriedOnceTheModelIsReady() {
    server.service.failNext(
        1,
        Status.NOT_FOUND.withDescription(
            "Request for unknown model: 'p' has no available versions"));

    InferResult r =
        client.infer(ModelInferRequest.newBuilder().setModelName("p").setId("7").build());

    assertThat(r.id()).isEqualTo("7");
    assertThat(server.service.callCount(Rpc.MODEL_INFER)).isEqualTo(2);
    assertThat(server.service.callCount(Rpc.MODEL_READY)).isEqualTo(1);
  }

  @Test
  void unknownModelIsNotRetried() {
    server.service.failNext(
        1, Status.NOT_FOUND.withDescription("Request for unknown model: 'q' is not found"));

    assertThatThrownBy(() -> client.infer(ModelInferRequest.newBuilder().setModelName("q").build()))
        .isInstanceOfSatisfying(
            TritonException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND));
    assertThat(server.service.callCount(Rpc.MODEL_INFER)).isEqualTo(1);
  }

  @Test
  void repositoryIndexAndLoadParametersTravel() {
    assertThat(client.repositoryIndex(false))
        .containsExactly(
            new ModelIndexEntry("m1", "1", "READY", ""),
            new ModelIndexEntry("m2", "", "UNAVAILABLE", "unloaded"));

    client.loadModel(
        "m2", Map.of("config", ModelRepositoryParameter.newBuilder().setStringParam("{}").build()));

    assertThat(server.service.loads).hasSize(1);
    assertThat(server.service.loads.get(0).getModelName()).isEqualTo("m2");
    assertThat(server.service.loads.get(0).getParametersMap().get("config").getStringParam())
        .isEqualTo("{}");
  }
}
