package io.acbench.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acbench.contracts.Topics;
import io.acbench.contracts.events.EvaluationCompleted;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.contracts.events.SampleCompleted;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.events.TaskScored;
import io.acbench.contracts.events.VariantVerdict;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.contracts.probe.ProbeFiles;
import io.acbench.contracts.probe.ProbeResult;
import io.acbench.runtime.fixtures.FixtureModels;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.acbench.testing.kafka.LocalKafkaBroker;
import io.acbench.testing.process.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole platform end to end: gateway, compressor-service, inference-server, task-runner-service
 * and metrics-service, each packaged and in its own JVM, on a real broker, evaluate the tiny qwen2
 * fixture and an RTN variant of it on a WorfBench and a T-Eval task.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TinyModelEvaluationTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path WORK = ROOT.resolve("system-tests/target/tiny-evaluation");
  private static final Path LOGS = WORK.resolve("logs");
  private static final int SAMPLE_LIMIT = 3;
  private static final List<String> VARIANTS = List.of("base", "rtn-w4", "magnitude-50");

  /**
   * Where the report of the first evaluation is kept (docs/render-e2e-report.sh screenshots it).
   */
  static final Path REPORT = WORK.resolve("report/report.html");

  private static final List<String> TASKS = List.of("worfbench/os", "teval/plan_str");
  private static final List<String> TOPICS =
      List.of(
          Topics.MODEL_READY,
          Topics.COMPRESSION_FAILED,
          Topics.SAMPLE_COMPLETED,
          Topics.PROBE_COMPLETED,
          Topics.TASK_COMPLETED,
          Topics.TASK_SCORED,
          Topics.EVALUATION_COMPLETED);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalKafkaBroker broker;
  private static final List<ServiceProcess> services = new ArrayList<>();
  private static ServiceProcess gateway;
  private static ServiceProcess metrics;
  private static Path fixture;
  private static ServiceProcess runner;
  private static String runnerKafka;
  private static String runnerGrpc;

  @BeforeAll
  static void startPlatform() throws Exception {
    deleteRecursively(WORK);
    broker = LocalKafkaBroker.start(WORK.resolve("kafka"), 0, true, false);
    fixture = WORK.resolve("models/qwen2-tiny");
    FixtureModels.write("qwen2", "tiny", 7, fixture);
    Path repository = Files.createDirectories(WORK.resolve("model-repository"));
    int grpcPort = LocalKafkaBroker.freePort();
    String grpc = "localhost:" + grpcPort;
    String kafka = broker.bootstrapServers();

    Map<String, Map<String, String>> config = new LinkedHashMap<>();
    config.put(
        "inference-server",
        Map.of(
            "acbench.inference.model-repository", repository.toString(),
            "quarkus.grpc.server.port", Integer.toString(grpcPort)));
    config.put(
        "metrics-service",
        Map.of(
            "kafka.bootstrap.servers",
            kafka,
            "quarkus.datasource.h2.jdbc.url",
            "jdbc:h2:file:" + WORK.resolve("metrics/results") + ";DB_CLOSE_ON_EXIT=FALSE"));
    config.put("task-runner-service", runnerConfig(kafka, grpc, SAMPLE_LIMIT));
    runnerKafka = kafka;
    runnerGrpc = grpc;
    config.put(
        "compressor-service",
        Map.of(
            "kafka.bootstrap.servers",
            kafka,
            "acbench.compressor.artifact-dir",
            WORK.resolve("artifacts").toString(),
            "acbench.compressor.model-repository",
            repository.toString(),
            "acbench.compressor.inference-endpoint",
            grpc));
    config.put("gateway", Map.of("kafka.bootstrap.servers", kafka));

    // Started side by side: on a small machine the JVM start-ups dominate.
    ExecutorService starter = Executors.newFixedThreadPool(config.size());
    try {
      Map<String, Future<ServiceProcess>> started = new LinkedHashMap<>();
      config.forEach(
          (module, properties) ->
              started.put(
                  module,
                  starter.submit(
                      (Callable<ServiceProcess>)
                          () ->
                              ServiceProcess.start(
                                  ROOT.resolve(module),
                                  LocalKafkaBroker.freePort(),
                                  properties,
                                  LOGS))));
      for (var entry : started.entrySet()) {
        ServiceProcess service = entry.getValue().get();
        services.add(service);
        switch (entry.getKey()) {
          case "gateway" -> gateway = service;
          case "metrics-service" -> metrics = service;
          case "task-runner-service" -> runner = service;
          default -> {}
        }
      }
    } finally {
      starter.shutdown();
    }
  }

  @AfterAll
  static void stopPlatform() {
    // Stopped side by side as well: each Quarkus shutdown waits on its Kafka clients.
    services.parallelStream().forEach(ServiceProcess::close);
    if (broker != null) {
      broker.close();
    }
  }

  /**
   * The runner's configuration. A short Kafka session lets a restarted runner take over the
   * partition of a killed one in seconds instead of the default 45.
   */
  private static Map<String, String> runnerConfig(String kafka, String grpc, int sampleLimit) {
    return Map.of(
        "kafka.bootstrap.servers",
        kafka,
        "acbench.task-runner.inference-endpoints",
        grpc,
        "acbench.task-runner.state-dir",
        WORK.resolve("task-runner").toString(),
        "acbench.task-runner.sample-limit",
        Integer.toString(sampleLimit),
        "mp.messaging.connector.smallrye-kafka.session.timeout.ms",
        "6000",
        "mp.messaging.connector.smallrye-kafka.heartbeat.interval.ms",
        "1000");
  }

  private static void restartRunner(int sampleLimit) throws Exception {
    services.remove(runner);
    runner.kill();
    runner =
        ServiceProcess.start(
            ROOT.resolve("task-runner-service"),
            LocalKafkaBroker.freePort(),
            runnerConfig(runnerKafka, runnerGrpc, sampleLimit),
            LOGS.resolve("runner-" + System.nanoTime()));
    services.add(runner);
  }

  @Test
  @Order(2)
  void runnerKilledMidTaskResumesAndMetricsKeepOneResultPerSample() throws Exception {
    int samples = 12;
    restartRunner(samples);
    HttpResponse<String> response =
        post(
            gateway,
            "/api/v1/evaluations",
            """
            {"baseModelUri": "%s", "tasks": ["worfbench/os"]}
            """
                .formatted(fixture));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    String evaluationId = JSON.readTree(response.body()).path("evaluationId").asText();

    try (var recorder = new KafkaTopicRecorder(broker.bootstrapServers(), TOPICS)) {
      await()
          .alias("first samples of " + evaluationId + "; logs in " + LOGS)
          .atMost(Duration.ofMinutes(3))
          .until(() -> events(recorder, Topics.SAMPLE_COMPLETED, evaluationId).size() >= 2);
      assertThat(events(recorder, Topics.TASK_COMPLETED, evaluationId))
          .as("the task must still be running when the runner is killed")
          .isEmpty();
      restartRunner(samples); // SIGKILL mid-task, then the same state directory again

      await()
          .alias("evaluation.completed for " + evaluationId + " after the restart; logs in " + LOGS)
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> !events(recorder, Topics.EVALUATION_COMPLETED, evaluationId).isEmpty());

      List<TaskCompleted> completed =
          events(recorder, Topics.TASK_COMPLETED, evaluationId).stream()
              .map(v -> EventJson.read(v, TaskCompleted.class))
              .toList();
      assertThat(completed)
          .extracting(c -> c.status() + " " + c.sampleCount())
          .containsOnly("COMPLETED " + samples);
      Map<String, Set<String>> contents = new HashMap<>();
      for (String v : events(recorder, Topics.SAMPLE_COMPLETED, evaluationId)) {
        SampleCompleted s = EventJson.read(v, SampleCompleted.class);
        contents.computeIfAbsent(s.sampleId(), k -> new HashSet<>()).add(s.rawOutput());
      }
      assertThat(contents).as("samples on the broker").hasSize(samples);
      assertThat(contents.values()).allSatisfy(c -> assertThat(c).hasSize(1));
    }
    JsonNode stored =
        JSON.readTree(metrics.get("/api/v1/results/" + evaluationId + "/samples?size=500"));
    List<String> ids = new ArrayList<>();
    stored.path("samples").forEach(s -> ids.add(s.path("sampleId").asText()));
    assertThat(ids).as("one stored result per sample").doesNotHaveDuplicates().hasSize(samples);
  }

  @Test
  @Order(1)
  void tinyModelAndItsRtnVariantAreEvaluatedAndScored() throws Exception {
    String body =
        """
        {"baseModelUri": "%s",
         "variants": [{"id": "rtn-w4", "method": "rtn",
                       "parameters": {"group_size": "16", "nsamples": "4", "seqlen": "64"}},
                      {"id": "magnitude-50", "method": "magnitude",
                       "parameters": {"ratio": "0.5"}}],
         "tasks": ["worfbench/os", "teval/plan_str"]}
        """
            .formatted(fixture);
    HttpResponse<String> response = post(gateway, "/api/v1/evaluations", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    String evaluationId = JSON.readTree(response.body()).path("evaluationId").asText();
    assertThat(evaluationId).isNotBlank();

    try (var recorder = new KafkaTopicRecorder(broker.bootstrapServers(), TOPICS)) {
      await()
          .alias("evaluation.completed for " + evaluationId + "; service logs in " + LOGS)
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .failFast(
              "compression failed; service logs in " + LOGS,
              () -> !events(recorder, Topics.COMPRESSION_FAILED, evaluationId).isEmpty())
          .until(() -> !events(recorder, Topics.EVALUATION_COMPLETED, evaluationId).isEmpty());

      assertModelsReady(recorder, evaluationId);
      assertTasksCompleted(recorder, evaluationId);
      assertSamples(recorder, evaluationId);
      assertTasksScored(recorder, evaluationId);
      assertProbed(recorder, evaluationId);
      assertEvaluationCompleted(recorder, evaluationId);
    }
    assertResultsApi(evaluationId);
    assertAnalysisApi(evaluationId);
    assertReport(evaluationId);
  }

  /**
   * Every variant, the base included, was probed on the same windows of the built-in probe set, and
   * each compressed variant's file carries its logits at the base's top-k ids.
   */
  private static void assertProbed(KafkaTopicRecorder recorder, String evaluationId)
      throws IOException {
    Map<String, ProbeCompleted> probes = new HashMap<>();
    for (String v : events(recorder, Topics.PROBE_COMPLETED, evaluationId)) {
      ProbeCompleted p = EventJson.read(v, ProbeCompleted.class);
      assertThat(p.error()).as("probe of %s; logs in %s", p.variantId(), LOGS).isNull();
      probes.put(p.variantId(), p);
    }
    assertThat(probes.keySet())
        .as("probe.completed; logs in %s", LOGS)
        .isEqualTo(Set.copyOf(VARIANTS));
    ProbeCompleted baseEvent = probes.get("base");
    ProbeResult base =
        ProbeFiles.read(Path.of(URI.create(baseEvent.resultUri())), baseEvent.resultDigest());
    assertThat(base.sequences()).hasSize(baseEvent.sequenceCount()).isNotEmpty();
    for (String variant : VARIANTS.subList(1, VARIANTS.size())) {
      ProbeCompleted event = probes.get(variant);
      ProbeResult result =
          ProbeFiles.read(Path.of(URI.create(event.resultUri())), event.resultDigest());
      assertThat(result.sequences()).hasSameSizeAs(base.sequences());
      for (int s = 0; s < base.sequences().size(); s++) {
        var b = base.sequences().get(s);
        var r = result.sequences().get(s);
        assertThat(r.tokenIds()).as("window %d of %s", s, variant).isEqualTo(b.tokenIds());
        assertThat(r.reference()).as("reference logits of %s", variant).isNotNull();
        assertThat(r.reference().ids()).as("base top-k ids in %s", variant).isEqualTo(b.topIds());
      }
    }
  }

  /** The metrics-service analysed every compressed variant against the base. */
  private static void assertAnalysisApi(String evaluationId) throws Exception {
    JsonNode analyses = JSON.readTree(metrics.get("/api/v1/results/" + evaluationId + "/analysis"));
    Map<String, JsonNode> byVariant = new HashMap<>();
    analyses.forEach(a -> byVariant.put(a.path("variantId").asText(), a));
    assertThat(byVariant.keySet())
        .as("analyses; logs in %s", LOGS)
        .containsAll(VARIANTS.subList(1, VARIANTS.size()));
    for (String variant : VARIANTS.subList(1, VARIANTS.size())) {
      JsonNode a = byVariant.get(variant);
      assertThat(a.path("status").asText())
          .as("analysis of %s: %s", variant, a)
          .isEqualTo("STORED");
      assertThat(a.path("erank").asDouble()).as("ERank of %s", variant).isGreaterThanOrEqualTo(1.0);
      assertThat(a.path("meanKl").asDouble()).as("KL of %s", variant).isGreaterThanOrEqualTo(0.0);
    }
    assertThat(byVariant.get("magnitude-50").path("meanKl").asDouble())
        .as("pruning half the weights moves the next-token distribution more than 4-bit RTN")
        .isGreaterThan(byVariant.get("rtn-w4").path("meanKl").asDouble());
  }

  /**
   * The HTML report has every plot the evaluation produced data for; it is kept for docs/. The
   * random tiny model scores 0 on every task, so there is no relative drop to plot and no drop
   * bars.
   */
  private static void assertReport(String evaluationId) throws Exception {
    String html = metrics.get("/api/v1/results/" + evaluationId + "/report.html");
    assertThat(html)
        .as("report of %s", evaluationId)
        .contains(
            "section-capabilities",
            "section-energy",
            "section-topk",
            "section-erank",
            "rtn-w4",
            "magnitude-50")
        .doesNotContain("(pending)")
        .doesNotContain("section-needle"); // no needle task in this evaluation: no empty heat map
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, html);
  }

  private static void assertModelsReady(KafkaTopicRecorder recorder, String evaluationId) {
    List<ModelReady> ready =
        events(recorder, Topics.MODEL_READY, evaluationId).stream()
            .map(v -> EventJson.read(v, ModelReady.class))
            .toList();
    assertThat(ready)
        .as("model.ready per variant; logs in %s", LOGS)
        .extracting(ModelReady::variantId)
        .containsExactlyInAnyOrderElementsOf(VARIANTS);
    assertThat(ready).allSatisfy(r -> assertThat(r.taskIds()).containsExactlyElementsOf(TASKS));
    assertThat(ready).extracting(ModelReady::artifactDigest).doesNotHaveDuplicates();
  }

  private static void assertTasksCompleted(KafkaTopicRecorder recorder, String evaluationId) {
    List<TaskCompleted> completed =
        events(recorder, Topics.TASK_COMPLETED, evaluationId).stream()
            .map(v -> EventJson.read(v, TaskCompleted.class))
            .toList();
    assertThat(completed)
        .as("task.completed; logs in %s", LOGS)
        .extracting(
            c -> c.variantId() + " " + c.taskId() + " " + c.status() + " " + c.sampleCount())
        .containsExactlyInAnyOrderElementsOf(
            pairs().stream().map(p -> p + " COMPLETED " + SAMPLE_LIMIT).toList());
  }

  private static void assertSamples(KafkaTopicRecorder recorder, String evaluationId) {
    Map<String, List<SampleCompleted>> byTask =
        events(recorder, Topics.SAMPLE_COMPLETED, evaluationId).stream()
            .map(v -> EventJson.read(v, SampleCompleted.class))
            .collect(Collectors.groupingBy(s -> s.variantId() + " " + s.taskId()));
    assertThat(byTask.keySet()).as("sample.completed keys; logs in %s", LOGS).isEqualTo(pairs());
    byTask.forEach(
        (pair, samples) -> {
          Map<String, Set<String>> contents = new HashMap<>();
          for (SampleCompleted s : samples) {
            contents
                .computeIfAbsent(s.sampleId(), k -> new HashSet<>())
                .add(s.promptDigest() + "\0" + s.rawOutput() + "\0" + s.reference());
          }
          assertThat(contents).as("distinct samples of %s", pair).hasSize(SAMPLE_LIMIT);
          assertThat(contents.values())
              .as("one content per sample of %s", pair)
              .allSatisfy(c -> assertThat(c).hasSize(1));
        });
  }

  private static void assertTasksScored(KafkaTopicRecorder recorder, String evaluationId) {
    List<TaskScored> scored =
        events(recorder, Topics.TASK_SCORED, evaluationId).stream()
            .map(v -> EventJson.read(v, TaskScored.class))
            .toList();
    assertThat(scored)
        .as("task.scored; logs in %s", LOGS)
        .extracting(s -> s.variantId() + " " + s.taskId() + " " + s.status())
        .containsExactlyInAnyOrderElementsOf(pairs().stream().map(p -> p + " SCORED").toList());
    assertThat(scored)
        .allSatisfy(
            s -> {
              assertThat(s.score()).as("score of %s", s.taskId()).isBetween(0.0, 1.0);
              assertThat(s.sampleCount()).isEqualTo(SAMPLE_LIMIT);
            });
  }

  private static void assertEvaluationCompleted(KafkaTopicRecorder recorder, String evaluationId) {
    List<EvaluationCompleted> completed =
        events(recorder, Topics.EVALUATION_COMPLETED, evaluationId).stream()
            .map(v -> EventJson.read(v, EvaluationCompleted.class))
            .toList();
    assertThat(completed).hasSize(1);
    assertThat(completed.getFirst().verdicts())
        .as("verdicts; logs in %s", LOGS)
        .extracting(VariantVerdict::variantId)
        .containsAll(VARIANTS.subList(1, VARIANTS.size()));
  }

  private static void assertResultsApi(String evaluationId) throws Exception {
    JsonNode results = JSON.readTree(metrics.get("/api/v1/results/" + evaluationId));
    Set<String> scoredRows = new HashSet<>();
    for (JsonNode row : results.path("results")) {
      assertThat(row.path("score").isNumber()).as("score in %s", row).isTrue();
      assertThat(row.path("score").asDouble()).isBetween(0.0, 1.0);
      assertThat(row.path("sampleCount").asInt()).isEqualTo(SAMPLE_LIMIT);
      scoredRows.add(row.path("variantId").asText() + " " + row.path("taskId").asText());
    }
    assertThat(scoredRows).as("results of %s; logs in %s", evaluationId, LOGS).isEqualTo(pairs());

    JsonNode samples =
        JSON.readTree(metrics.get("/api/v1/results/" + evaluationId + "/samples?size=500"));
    List<String> rows = new ArrayList<>();
    for (JsonNode s : samples.path("samples")) {
      rows.add(
          s.path("variantId").asText()
              + " "
              + s.path("taskId").asText()
              + " "
              + s.path("sampleId").asText());
    }
    assertThat(rows).doesNotHaveDuplicates().hasSize(pairs().size() * SAMPLE_LIMIT);
  }

  private static Set<String> pairs() {
    return VARIANTS.stream()
        .flatMap(v -> TASKS.stream().map(t -> v + " " + t))
        .collect(Collectors.toSet());
  }

  /** Values on a topic that belong to the evaluation (every event carries its id). */
  private static List<String> events(
      KafkaTopicRecorder recorder, String topic, String evaluationId) {
    return recorder.values(topic, v -> v.contains("\"evaluationId\":\"" + evaluationId + "\""));
  }

  private static HttpResponse<String> post(ServiceProcess service, String path, String body)
      throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(service.baseUri().resolve(path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
