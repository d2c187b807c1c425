package io.acbench.compressor.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acbench.contracts.Topics;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.CompressionProgress;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.events.EvaluationRequested.VariantSpec;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.grpc.inference.GRPCInferenceServiceGrpc;
import io.acbench.contracts.grpc.inference.RepositoryIndexRequest;
import io.acbench.contracts.grpc.inference.RepositoryIndexResponse;
import io.acbench.contracts.messaging.CloudEventHeaders;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.runtime.fixtures.FixtureModels;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny fixture compressed by all six methods through Kafka, end to end, then from cache. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(FakeInferenceServerResource.class)
class CompressionFlowTest {

  private static final Map<String, String> SMALL = Map.of("nsamples", "4", "seqlen", "32");

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();
  private KafkaTopicRecorder recorder;

  @TempDir Path tmp;

  @BeforeEach
  void record() {
    recorder =
        new KafkaTopicRecorder(
            bootstrap,
            List.of(Topics.MODEL_READY, Topics.COMPRESSION_PROGRESS, Topics.COMPRESSION_FAILED));
  }

  @AfterEach
  void stop() {
    recorder.close();
  }

  @Test
  void allSixMethodsBecomeReadyAndARepeatedRequestReusesTheArtifacts() throws Exception {
    Path model = tmp.resolve("tiny-qwen2");
    FixtureModels.write("qwen2", "tiny", 11, model);
    List<VariantSpec> variants =
        List.of(
            variant("gptq-w4", "gptq", Map.of()),
            variant("awq-w4", "awq", Map.of()),
            variant("rtn-w4", "rtn", Map.of()),
            variant("wanda-50", "wanda", Map.of("ratio", "0.5")),
            variant("sparsegpt-24", "sparsegpt", Map.of("nm", "2:4")),
            variant("magnitude-50", "magnitude", Map.of()));
    String first = "ev-" + UUID.randomUUID();
    send(first, model, variants, "builtin-v1");
    await().atMost(Duration.ofMinutes(4)).until(() -> readyOf(first).size() == 7);
    assertThat(failuresOf(first)).isEmpty();

    Map<String, ModelReady> ready = byVariant(readyOf(first));
    assertThat(ready.keySet())
        .containsExactlyInAnyOrder(
            "base", "gptq-w4", "awq-w4", "rtn-w4", "wanda-50", "sparsegpt-24", "magnitude-50");
    assertThat(ready.get("base").artifactUri()).isEqualTo(model.toUri().toString());
    for (ModelReady r : ready.values()) {
      assertThat(r.taskIds()).containsExactly("teval/plan");
      assertThat(r.probeSetId()).isEqualTo("builtin-v1");
      assertThat(r.probeModelName()).isEqualTo(r.modelName() + "-probe");
      Path dir = Path.of(java.net.URI.create(r.artifactUri()));
      assertThat(dir.resolve("config.json")).exists();
      assertThat(r.artifactDigest()).hasSize(64);
      if (!r.variantId().equals("base")) {
        assertThat(dir.resolve("compression-report.json")).exists();
        assertThat(r.modelName()).startsWith(r.method() + "-");
        List<CompressionProgress> steps = progressOf(first, r.variantId());
        assertThat(steps).extracting(CompressionProgress::layer).contains(1, 2);
        assertThat(steps).allSatisfy(p -> assertThat(p.layerCount()).isEqualTo(2));
      }
    }
    assertThat(ready.get("gptq-w4").method()).isEqualTo("gptq");
    assertThat(
            Files.readString(
                Path.of(java.net.URI.create(ready.get("awq-w4").artifactUri()))
                    .resolve("config.json")))
        .contains("\"awq\"");
    assertThat(loadedModels())
        .containsAll(ready.values().stream().map(ModelReady::modelName).toList())
        .containsAll(ready.values().stream().map(ModelReady::probeModelName).toList());

    double builtBefore = builtCounter();
    Map<String, String> createdAt = new HashMap<>();
    for (ModelReady r : ready.values()) {
      if (!r.variantId().equals("base")) {
        createdAt.put(r.variantId(), reportCreatedAt(r));
      }
    }
    send(first, model, variants, "builtin-v1"); // redelivery of the same evaluation: ignored
    String second = "ev-" + UUID.randomUUID();
    send(second, model, variants, (String) null); // no probing asked for: no probe model named
    await().atMost(Duration.ofMinutes(2)).until(() -> readyOf(second).size() == 7);
    Map<String, ModelReady> again = byVariant(readyOf(second));
    for (String id : ready.keySet()) {
      assertThat(again.get(id).artifactUri()).isEqualTo(ready.get(id).artifactUri());
      assertThat(again.get(id).modelName()).isEqualTo(ready.get(id).modelName());
      assertThat(again.get(id).probeSetId()).isNull();
      assertThat(again.get(id).probeModelName()).isNull();
      if (!id.equals("base")) {
        assertThat(reportCreatedAt(again.get(id))).isEqualTo(createdAt.get(id));
      }
    }
    assertThat(builtCounter()).isEqualTo(builtBefore);
    assertThat(readyOf(first)).hasSize(7);
  }

  @Test
  void variantsCalibrateOnTheEvaluationsTaskPromptsOrOnNamedTasks() throws Exception {
    Path model = tmp.resolve("tiny-qwen2-tasks");
    FixtureModels.write("qwen2", "tiny", 12, model);
    List<VariantSpec> variants =
        List.of(
            variant("rtn-tasks", "rtn", Map.of("calibration", "tasks")),
            variant("rtn-os", "rtn", Map.of("calibration", "tasks:worfbench/os")),
            variant("rtn-default", "rtn", Map.of("calibration", "default")),
            variant("rtn-unknown", "rtn", Map.of("calibration", "tasks:teval/nope")));
    String ev = "ev-" + UUID.randomUUID();
    send(ev, model, variants, List.of("teval/plan_str"));
    await().atMost(Duration.ofMinutes(3)).until(() -> readyOf(ev).size() == 4);
    await().atMost(Duration.ofSeconds(30)).until(() -> failuresOf(ev).size() == 1);

    CompressionFailed failure = EventJson.read(failuresOf(ev).getFirst(), CompressionFailed.class);
    assertThat(failure.variantId()).isEqualTo("rtn-unknown");
    assertThat(failure.reason()).contains("calibration task 'teval/nope': unknown T-Eval task");
    assertThat(failure.retryable()).isFalse();

    Map<String, ModelReady> ready = byVariant(readyOf(ev));
    assertThat(calibrationSource(ready.get("rtn-tasks")))
        .startsWith("prompts of tasks teval/plan_str (32 prompts");
    assertThat(calibrationSource(ready.get("rtn-os")))
        .startsWith("prompts of tasks worfbench/os (36 prompts");
    assertThat(calibrationSource(ready.get("rtn-default"))).isEqualTo("default corpus");
    List<String> artifacts =
        List.of("rtn-tasks", "rtn-os", "rtn-default").stream()
            .map(id -> ready.get(id).artifactUri())
            .toList();
    assertThat(artifacts).doesNotHaveDuplicates();
  }

  private static String calibrationSource(ModelReady r) throws Exception {
    Path report = Path.of(java.net.URI.create(r.artifactUri())).resolve("compression-report.json");
    return new ObjectMapper().readTree(report.toFile()).at("/calibration/source").asText();
  }

  private static VariantSpec variant(String id, String method, Map<String, String> params) {
    Map<String, String> all = new HashMap<>(SMALL);
    all.putAll(params);
    return new VariantSpec(id, method, all);
  }

  private void send(
      String evaluationId, Path model, List<VariantSpec> variants, String probeSetId) {
    send(evaluationId, model, variants, List.of("teval/plan"), probeSetId);
  }

  private void send(
      String evaluationId, Path model, List<VariantSpec> variants, List<String> taskIds) {
    send(evaluationId, model, variants, taskIds, null);
  }

  private void send(
      String evaluationId,
      Path model,
      List<VariantSpec> variants,
      List<String> taskIds,
      String probeSetId) {
    EvaluationRequested request =
        EvaluationRequested.of(
            evaluationId, model.toString(), "tiny", variants, taskIds, Map.of(), probeSetId);
    KafkaTopicRecorder.send(
        bootstrap,
        Topics.EVALUATION_REQUESTED,
        evaluationId,
        EventJson.write(request),
        CloudEventHeaders.of(request, "/test"));
  }

  private List<ModelReady> readyOf(String evaluationId) {
    return recorder.values(Topics.MODEL_READY, v -> v.contains(evaluationId)).stream()
        .map(v -> EventJson.read(v, ModelReady.class))
        .toList();
  }

  private List<String> failuresOf(String evaluationId) {
    return recorder.values(Topics.COMPRESSION_FAILED, v -> v.contains(evaluationId));
  }

  private List<CompressionProgress> progressOf(String evaluationId, String variantId) {
    return recorder.values(Topics.COMPRESSION_PROGRESS, v -> v.contains(evaluationId)).stream()
        .map(v -> EventJson.read(v, CompressionProgress.class))
        .filter(p -> p.variantId().equals(variantId))
        .toList();
  }

  private static Map<String, ModelReady> byVariant(List<ModelReady> events) {
    return events.stream().collect(Collectors.toMap(ModelReady::variantId, e -> e));
  }

  private static String reportCreatedAt(ModelReady r) throws Exception {
    Path report = Path.of(java.net.URI.create(r.artifactUri())).resolve("compression-report.json");
    return new ObjectMapper().readTree(report.toFile()).get("createdAt").asText();
  }

  private static double builtCounter() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(l -> l.startsWith("acbench_compressor_artifacts_built_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static List<String> loadedModels() {
    int port = Integer.parseInt(System.getProperty(FakeInferenceServerResource.PORT_PROPERTY));
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("localhost", port).usePlaintext().build();
    try {
      RepositoryIndexResponse index =
          GRPCInferenceServiceGrpc.newBlockingStub(channel)
              .repositoryIndex(RepositoryIndexRequest.getDefaultInstance());
      return index.getModelsList().stream()
          .map(RepositoryIndexResponse.ModelIndex::getName)
          .toList();
    } finally {
      channel.shutdownNow();
    }
  }
}
