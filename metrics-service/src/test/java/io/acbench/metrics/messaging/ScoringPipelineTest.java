package io.acbench.metrics.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.AcbenchEvent;
import io.acbench.contracts.events.EvaluationCompleted;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.events.TaskScored;
import io.acbench.contracts.events.VariantVerdict;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.metrics.store.TableDump;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The scoring pipeline end to end: real broker, H2 in process, the test scorer of family exact. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ScoringPipelineTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();

  @Inject
  @DataSource("h2")
  AgroalDataSource dataSource;

  @Inject MeterRegistry registry;

  @Test
  void outOfOrderEventsScoreEachTaskOnceAndReplayChangesNothing() throws Exception {
    String ev = "ev-" + UUID.randomUUID();
    Campaign c =
        new Campaign(ev)
            .task("base", "exact/a", true, true, true, false)
            .task("rtn", "exact/a", true, false, true, false)
            .task("base", "exact/b", true, true, true)
            .task("rtn", "exact/b", true, true, true)
            .requested(ev, List.of("exact/a", "exact/b"), Map.of());
    List<AcbenchEvent> outOfOrder = new ArrayList<>(c.tasks);
    List<AcbenchEvent> samples = new ArrayList<>(c.samples);
    Collections.shuffle(samples, new Random(7));
    outOfOrder.addAll(samples);
    outOfOrder.add(c.request);

    try (var recorder =
            new KafkaTopicRecorder(
                bootstrap, List.of(Topics.TASK_SCORED, Topics.EVALUATION_COMPLETED));
        var sender = new EventSender(bootstrap)) {
      outOfOrder.forEach(sender::send);
      await().atMost(WAIT).until(() -> completed(recorder, ev).size() == 1);
      List<TaskScored> scored = scored(recorder, ev);
      assertThat(scored).hasSize(4);
      assertThat(scored)
          .extracting(s -> s.variantId() + " " + s.taskId())
          .containsExactlyInAnyOrder("base exact/a", "rtn exact/a", "base exact/b", "rtn exact/b");
      // 3 of 4, 2 of 4, 3 of 3, 3 of 3 right
      assertThat(score(scored, "base", "exact/a").score()).isCloseTo(0.75, within(1e-12));
      assertThat(score(scored, "rtn", "exact/a").score()).isCloseTo(0.5, within(1e-12));
      TaskScored perfect = score(scored, "rtn", "exact/b");
      assertThat(List.of(perfect.score(), perfect.ciLow(), perfect.ciHigh()))
          .containsExactly(1.0, 1.0, 1.0);
      TaskScored half = score(scored, "rtn", "exact/a");
      assertThat(half.ciLow()).isBetween(0.0, 0.5);
      assertThat(half.ciHigh()).isBetween(0.5, 1.0);
      assertThat(half.ciHigh() - half.ciLow()).isPositive();
      assertThat(half.sampleCount()).isEqualTo(4);

      EvaluationCompleted done = completed(recorder, ev).getFirst();
      // default policy max-relative-drop=0.10: rtn drops 1/3 on exact/a
      assertThat(done.status()).isEqualTo("FAILED");
      VariantVerdict base = verdict(done, "base");
      VariantVerdict rtn = verdict(done, "rtn");
      assertThat(base.passed()).isTrue();
      assertThat(rtn.passed()).isFalse();
      assertThat(rtn.reasons()).singleElement().asString().contains("exact/a").contains("33.33%");
      assertThat(
              registry
                  .get("acbench.metrics.task.score")
                  .tags("model", ev, "variant", "rtn", "task", "exact/a")
                  .gauge()
                  .value())
          .isEqualTo(0.5);

      Map<String, List<List<String>>> before = TableDump.of(dataSource);
      double duplicates = duplicatesSeen();
      c.all().forEach(sender::send);
      await().atMost(WAIT).until(() -> duplicatesSeen() - duplicates >= c.all().size());
      assertThat(TableDump.of(dataSource)).isEqualTo(before);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> scored(recorder, ev).size() == 4 && completed(recorder, ev).size() == 1);
    }
  }

  @Test
  void resultsApiShowsScoresDeltasCsvAndSamplePages() {
    String ev = "ev-" + UUID.randomUUID();
    Campaign c =
        new Campaign(ev)
            .task("base", "exact/a", true, true, true, false)
            .task("rtn", "exact/a", true, false, true, false)
            .requested(ev, List.of("exact/a"), Map.of("max-relative-drop:exact", 0.5));
    try (var recorder = new KafkaTopicRecorder(bootstrap, List.of(Topics.EVALUATION_COMPLETED));
        var sender = new EventSender(bootstrap)) {
      c.all().forEach(sender::send);
      await().atMost(WAIT).until(() -> completed(recorder, ev).size() == 1);
      // the request's override (50%) allows rtn's drop of 1/3
      assertThat(completed(recorder, ev).getFirst().status()).isEqualTo("PASSED");
    }
    var json = given().get("/api/v1/results/{id}", ev).then().statusCode(200).extract().jsonPath();
    assertThat(json.getString("status")).isEqualTo("PASSED");
    assertThat(json.getDouble("results.find { it.variantId == 'rtn' }.delta"))
        .isCloseTo(-0.25, within(1e-6));
    assertThat(json.getDouble("results.find { it.variantId == 'rtn' }.relativeDelta"))
        .isCloseTo(-1.0 / 3, within(1e-6));
    assertThat(json.getDouble("results.find { it.variantId == 'base' }.score"))
        .isCloseTo(0.75, within(1e-6));
    String csv =
        given()
            .get("/api/v1/results/{id}/tasks.csv", ev)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(csv.split("\r\n")).hasSize(3);
    assertThat(csv).startsWith("variant_id,task_id,status,primary_metric,score");
    assertThat(csv).contains("\r\nrtn,exact/a,SCORED,exact,0.5,");
    given()
        .queryParam("variant", "rtn")
        .queryParam("size", 2)
        .queryParam("page", 1)
        .get("/api/v1/results/{id}/samples", ev)
        .then()
        .statusCode(200)
        .body("samples.sampleId", org.hamcrest.Matchers.contains("s2", "s3"))
        .body("samples.score", org.hamcrest.Matchers.contains(1.0f, 0.0f))
        .body(
            "samples.rawOutput",
            org.hamcrest.Matchers.contains("answer \"r2\"", "answer \"wrong\""));
    given().queryParam("size", 0).get("/api/v1/results/{id}/samples", ev).then().statusCode(400);
    given().get("/api/v1/results/{id}", "no-such-evaluation").then().statusCode(404);
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics).contains("acbench_metrics_task_score{").contains(ev);
  }

  @Test
  void unknownFamilyAndRunnerFailureAreScoredFailedAndTheEvaluationErrors() {
    String ev = "ev-" + UUID.randomUUID();
    Campaign c =
        new Campaign(ev)
            .task("base", "mystery/x", true)
            .requested(ev, List.of("mystery/x", "exact/a"), Map.of());
    try (var recorder =
            new KafkaTopicRecorder(
                bootstrap, List.of(Topics.TASK_SCORED, Topics.EVALUATION_COMPLETED));
        var sender = new EventSender(bootstrap)) {
      c.all().forEach(sender::send);
      sender.send(TaskCompleted.of(ev, "base", "exact/a", "FAILED", 0, "backend down"));
      await().atMost(WAIT).until(() -> completed(recorder, ev).size() == 1);
      List<TaskScored> scored = scored(recorder, ev);
      assertThat(score(scored, "base", "mystery/x").status()).isEqualTo("FAILED");
      assertThat(score(scored, "base", "mystery/x").failureReason()).contains("'mystery'");
      assertThat(score(scored, "base", "exact/a").failureReason()).contains("backend down");
      EvaluationCompleted done = completed(recorder, ev).getFirst();
      assertThat(done.status()).isEqualTo("ERROR");
      assertThat(verdict(done, "base").reasons()).hasSize(2);
    }
  }

  private double duplicatesSeen() {
    return registry
        .find("acbench.metrics.ingest.events")
        .tag("outcome", "duplicate")
        .counters()
        .stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count)
        .sum();
  }

  static List<TaskScored> scored(KafkaTopicRecorder recorder, String ev) {
    return recorder.values(Topics.TASK_SCORED, v -> v.contains(ev)).stream()
        .map(v -> EventJson.read(v, TaskScored.class))
        .toList();
  }

  static List<EvaluationCompleted> completed(KafkaTopicRecorder recorder, String ev) {
    return recorder.values(Topics.EVALUATION_COMPLETED, v -> v.contains(ev)).stream()
        .map(v -> EventJson.read(v, EvaluationCompleted.class))
        .toList();
  }

  private static TaskScored score(List<TaskScored> scored, String variant, String task) {
    return scored.stream()
        .filter(s -> s.variantId().equals(variant) && s.taskId().equals(task))
        .findFirst()
        .orElseThrow();
  }

  private static VariantVerdict verdict(EvaluationCompleted done, String variant) {
    return done.verdicts().stream()
        .filter(v -> v.variantId().equals(variant))
        .findFirst()
        .orElseThrow();
  }
}
