package io.acbench.taskrunner.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acbench.contracts.Topics;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.events.SampleCompleted;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.messaging.CloudEventHeaders;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ModelReadyConsumerTest {

  private static final int OS_RECORDS = 36;
  private static final int REVIEW_RECORDS = 32;

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();
  @Inject FakeBackend backend;

  private static ModelReady ready(String evaluationId, String digest, List<String> tasks) {
    return ModelReady.of(evaluationId, "gptq-w4", "gptq", "tiny-gptq", digest, "/m", tasks);
  }

  private void send(ModelReady ready) {
    KafkaTopicRecorder.send(
        bootstrap,
        Topics.MODEL_READY,
        ready.evaluationId(),
        EventJson.write(ready),
        CloudEventHeaders.of(ready, "/test"));
  }

  private static List<SampleCompleted> samples(KafkaTopicRecorder r, String evaluationId) {
    return r.values(Topics.SAMPLE_COMPLETED, v -> v.contains(evaluationId)).stream()
        .map(v -> EventJson.read(v, SampleCompleted.class))
        .toList();
  }

  private static List<TaskCompleted> tasks(KafkaTopicRecorder r, String evaluationId) {
    return r.values(Topics.TASK_COMPLETED, v -> v.contains(evaluationId)).stream()
        .map(v -> EventJson.read(v, TaskCompleted.class))
        .toList();
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aReadyModelRunsEveryTaskUnderTheConcurrencyLimitAndAReRunComesFromTheCache()
      throws Exception {
    String digest = "sha-" + UUID.randomUUID();
    String first = "ev-" + UUID.randomUUID();
    try (var recorder =
        new KafkaTopicRecorder(
            bootstrap, List.of(Topics.SAMPLE_COMPLETED, Topics.TASK_COMPLETED))) {
      int callsBefore = backend.calls();
      send(ready(first, digest, List.of("worfbench/os", "teval/review_str")));
      await().atMost(Duration.ofSeconds(90)).until(() -> tasks(recorder, first).size() == 2);

      assertThat(tasks(recorder, first))
          .extracting(TaskCompleted::taskId, TaskCompleted::status, TaskCompleted::sampleCount)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("worfbench/os", "COMPLETED", OS_RECORDS),
              org.assertj.core.groups.Tuple.tuple("teval/review_str", "COMPLETED", REVIEW_RECORDS));
      List<SampleCompleted> samples = samples(recorder, first);
      assertThat(samples).hasSize(OS_RECORDS + REVIEW_RECORDS);
      assertThat(samples).extracting(SampleCompleted::naturalKey).doesNotHaveDuplicates();
      assertThat(backend.calls() - callsBefore).isEqualTo(OS_RECORDS + REVIEW_RECORDS);
      assertThat(backend.maxInFlight()).isEqualTo(3);

      JsonNode gold =
          new ObjectMapper().readTree(resource("/datasets/worfbench/os/graph_eval.json"));
      SampleCompleted os1 =
          samples.stream()
              .filter(s -> s.taskId().equals("worfbench/os") && s.sampleId().equals("os_1"))
              .findFirst()
              .orElseThrow();
      JsonNode reference = new ObjectMapper().readTree(os1.reference());
      assertThat(reference.get("gold").asText())
          .isEqualTo(gold.get(0).get("conversations").get(2).get("content").asText());
      assertThat(reference.get("source").asText()).isEqualTo("os");
      assertThat(reference.get("id").asText()).isEqualTo("os_1");
      // the parity stop "END" cuts the completion inside "(1,END)"; the light parse keeps (START,1)
      assertThat(os1.rawOutput())
          .startsWith("Node:\n1: step for a prompt of ")
          .endsWith("(START,1) (1,");
      String prompt = backend.prompt(os1.promptDigest());
      assertThat(prompt).isNotNull();
      assertThat(os1.promptDigest()).isEqualTo(sha256(prompt));
      assertThat(os1.rawOutput())
          .isEqualTo(
              "Node:\n1: step for a prompt of " + prompt.length() + " chars\nEdge: (START,1) (1,");
      assertThat(new ObjectMapper().readTree(os1.parsedOutput()))
          .isEqualTo(
              new ObjectMapper()
                  .readTree(
                      "{\"nodes\":[\"START\",\"step for a prompt of "
                          + prompt.length()
                          + " chars\",\"END\"],\"edges\":[[0,1]]}"));
      assertThat(os1.promptTokens()).isEqualTo(prompt.length() / 4);
      assertThat(os1.completionTokens()).isEqualTo(12);

      // the same artifact again, in another evaluation: every output comes from the cache
      int callsAfterFirst = backend.calls();
      String second = "ev-" + UUID.randomUUID();
      send(ready(second, digest, List.of("worfbench/os")));
      await().atMost(Duration.ofSeconds(60)).until(() -> tasks(recorder, second).size() == 1);
      assertThat(samples(recorder, second)).hasSize(OS_RECORDS);
      assertThat(backend.calls()).isEqualTo(callsAfterFirst);
      Map<String, String> firstOutputs =
          samples.stream()
              .filter(s -> s.taskId().equals("worfbench/os"))
              .collect(Collectors.toMap(SampleCompleted::sampleId, SampleCompleted::rawOutput));
      assertThat(
              samples(recorder, second).stream()
                  .collect(Collectors.toMap(SampleCompleted::sampleId, SampleCompleted::rawOutput)))
          .isEqualTo(firstOutputs);

      // a re-compressed model (new digest) never reads those entries
      String third = "ev-" + UUID.randomUUID();
      send(ready(third, digest + "-recompressed", List.of("worfbench/os")));
      await().atMost(Duration.ofSeconds(60)).until(() -> tasks(recorder, third).size() == 1);
      assertThat(backend.calls()).isEqualTo(callsAfterFirst + OS_RECORDS);
    }
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("acbench_taskrunner_models_ready_received_total"));
  }

  @Test
  void anUnknownTaskFailsAloneWithItsReason() {
    String ev = "ev-" + UUID.randomUUID();
    try (var recorder = new KafkaTopicRecorder(bootstrap, List.of(Topics.TASK_COMPLETED))) {
      send(ready(ev, "sha-" + UUID.randomUUID(), List.of("longbench/qasper", "teval/review_str")));
      await().atMost(Duration.ofSeconds(60)).until(() -> tasks(recorder, ev).size() == 2);
      Map<String, TaskCompleted> byTask =
          tasks(recorder, ev).stream()
              .collect(Collectors.toMap(TaskCompleted::taskId, Function.identity()));
      assertThat(byTask.get("longbench/qasper").status()).isEqualTo("FAILED");
      assertThat(byTask.get("longbench/qasper").failureReason())
          .contains("unknown task 'longbench/qasper'");
      assertThat(byTask.get("teval/review_str").status()).isEqualTo("COMPLETED");
      assertThat(byTask.get("teval/review_str").sampleCount()).isEqualTo(REVIEW_RECORDS);
    }
  }

  @Test
  void aMalformedEventGoesToTheDeadLetterTopic() {
    String ev = "ev-" + UUID.randomUUID();
    String dlq = Topics.MODEL_READY + Topics.DLQ_SUFFIX;
    try (var recorder = new KafkaTopicRecorder(bootstrap, List.of(dlq))) {
      KafkaTopicRecorder.send(
          bootstrap,
          Topics.MODEL_READY,
          ev,
          "{\"evaluationId\":\"" + ev + "\"}",
          new RecordHeaders());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !recorder.values(dlq, v -> v.contains(ev)).isEmpty());
    }
  }

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = ModelReadyConsumerTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
