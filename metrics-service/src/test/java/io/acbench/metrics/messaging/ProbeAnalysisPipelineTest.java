package io.acbench.metrics.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import io.acbench.contracts.Topics;
import io.acbench.contracts.events.AcbenchEvent;
import io.acbench.contracts.events.EvaluationCompleted;
import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.metrics.probes.AnalysisDocuments;
import io.acbench.metrics.store.ProbeAnalysisRecord;
import io.acbench.metrics.store.ResultsRepository;
import io.acbench.metrics.store.StoreJson;
import io.acbench.metrics.store.TableDump;
import io.acbench.testing.kafka.KafkaBrokerTestResource;
import io.acbench.testing.kafka.KafkaTopicRecorder;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Probe analysis in the pipeline: real broker, real probe files, H2. Expected values are computed
 * in {@link ProbeFixture} from the raw logits, not from the pipeline's output.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ProbeAnalysisPipelineTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private final String bootstrap = KafkaBrokerTestResource.sharedBootstrapServers();

  @Inject ResultsRepository results;

  @Inject
  @DataSource("h2")
  AgroalDataSource dataSource;

  @Inject MeterRegistry registry;

  @Test
  void variantProbeBeforeBaseIsAnalysedOnceTheBaseArrivesAndReplaysChangeNothing()
      throws Exception {
    String ev = "ev-" + UUID.randomUUID();
    Path dir = Files.createTempDirectory("probes");
    ProbeFixture f = new ProbeFixture(11, 64, new int[] {7, 9, 5}, 0.4);
    ProbeCompleted baseProbe = ProbeFixture.write(ev, "base", f.baseResult(), dir.resolve("b"));
    ProbeCompleted rtnProbe = ProbeFixture.write(ev, "rtn", f.variantResult(), dir.resolve("r"));
    Campaign c =
        new Campaign(ev)
            .task("base", "exact/a", true, true)
            .task("rtn", "exact/a", true, false)
            .probing(ProbeFixture.PROBE_SET)
            .requested(ev, List.of("exact/a"), Map.of("max-relative-drop", 0.6));
    double storedBefore = analyses("stored");
    try (var recorder =
            new KafkaTopicRecorder(
                bootstrap, List.of(Topics.TASK_SCORED, Topics.EVALUATION_COMPLETED));
        var sender = new EventSender(bootstrap)) {
      sender.send(rtnProbe);
      c.all().forEach(sender::send);
      await().atMost(WAIT).until(() -> ScoringPipelineTest.scored(recorder, ev).size() == 2);
      // every task is scored, but the base's probe (and so rtn's analysis) is still missing
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(20))
          .until(() -> ScoringPipelineTest.completed(recorder, ev).isEmpty());
      assertThat(results.probeAnalyses(ev)).isEmpty();

      sender.send(baseProbe);
      await().atMost(WAIT).until(() -> ScoringPipelineTest.completed(recorder, ev).size() == 1);
      EvaluationCompleted done = ScoringPipelineTest.completed(recorder, ev).getFirst();
      assertThat(done.status()).isEqualTo("PASSED");
      assertThat(done.reportUri())
          .isEqualTo("http://localhost:8083/api/v1/results/" + ev + "/report.html");

      List<ProbeAnalysisRecord> analyses = results.probeAnalyses(ev);
      assertThat(analyses)
          .extracting(ProbeAnalysisRecord::variantId)
          .containsExactly("base", "rtn");
      assertThat(analyses).allSatisfy(a -> assertThat(a.stored()).isTrue());
      double baseERank = ProbeFixture.meanERank(f.base);
      double rtnERank = ProbeFixture.meanERank(f.variant);
      assertThat(analyses.get(0).erank()).isCloseTo(baseERank, within(1e-6));
      ProbeAnalysisRecord rtn = analyses.get(1);
      assertThat(rtn.erank()).isCloseTo(rtnERank, within(1e-6));
      assertThat(rtn.diffERank()).isCloseTo(rtnERank - baseERank, within(1e-6));
      assertThat(rtn.meanKl()).isPositive().isCloseTo(f.meanCoarsenedKl(), within(1e-5));

      var doc =
          StoreJson.read(
              rtn.resultJson(), new TypeReference<AnalysisDocuments.VariantDocument>() {});
      assertThat(doc.referenceLogits()).isTrue();
      assertThat(doc.topKCurves())
          .extracting(AnalysisDocuments.Curve::k)
          .containsExactly(3, 10, 20);
      AnalysisDocuments.Curve k3 = doc.topKCurves().get(0);
      AnalysisDocuments.Curve k10 = doc.topKCurves().get(1);
      assertThat(k3.kendall()).hasSize(9);
      assertThat(k3.kendall().get(0)).isCloseTo(f.correlationAt(3, 0, true), within(1e-9));
      assertThat(k10.spearman().get(8)).isCloseTo(f.correlationAt(10, 8, false), within(1e-9));
      assertThat(k3.counted()[0]).isEqualTo(3);
      assertThat(k3.counted()[8]).isEqualTo(1);
      double[] edges = doc.energy().edges();
      double width = edges[1] - edges[0];
      assertThat(edges).hasSize(101);
      assertThat(java.util.Arrays.stream(doc.energy().base()).sum() * width)
          .isCloseTo(1.0, within(1e-9));
      assertThat(java.util.Arrays.stream(doc.energy().variant()).sum() * width)
          .isCloseTo(1.0, within(1e-9));
      assertThat(analyses("stored") - storedBefore).isEqualTo(2.0);
      assertThat(registry.get("acbench.metrics.analysis.duration").timer().count())
          .isGreaterThanOrEqualTo(2);

      var before = TableDump.of(dataSource);
      List<AcbenchEvent> replay = new ArrayList<>(c.all());
      replay.add(baseProbe);
      replay.add(rtnProbe);
      double duplicates = duplicatesSeen();
      replay.forEach(sender::send);
      await().atMost(WAIT).until(() -> duplicatesSeen() - duplicates >= replay.size());
      assertThat(TableDump.of(dataSource)).isEqualTo(before);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> ScoringPipelineTest.completed(recorder, ev).size() == 1);
    }

    String html =
        given()
            .get("/api/v1/results/{id}/report.html", ev)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(html)
        .contains("id=\"section-capabilities\"")
        .contains("id=\"section-energy\"")
        .contains("id=\"section-topk\"")
        .contains("id=\"section-erank\"")
        .contains("Status: PASSED")
        .doesNotContain("(pending)")
        .doesNotContain("id=\"section-needle\"");
    String md =
        given()
            .get("/api/v1/results/{id}/report.md", ev)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(md).contains("## ERank").contains("## Top-k ranking correlation");
    given()
        .get("/api/v1/results/{id}/analysis", ev)
        .then()
        .statusCode(200)
        .body("variantId", org.hamcrest.Matchers.contains("base", "rtn"))
        .body("[1].result.topKCurves.k", org.hamcrest.Matchers.contains(3, 10, 20));
  }

  @Test
  void corruptMissingAndFailedProbesAreRecordedAndTheEvaluationStillCompletes() throws Exception {
    String ev = "ev-" + UUID.randomUUID();
    Path dir = Files.createTempDirectory("probes");
    ProbeFixture f = new ProbeFixture(12, 48, new int[] {6, 4}, 0.2);
    ProbeCompleted base = ProbeFixture.write(ev, "base", f.baseResult(), dir.resolve("b"));
    ProbeCompleted rtn = ProbeFixture.write(ev, "rtn", f.variantResult(), dir.resolve("r"));
    byte[] bytes = Files.readAllBytes(dir.resolve("r"));
    bytes[40] ^= 0x5a;
    Files.write(dir.resolve("r"), bytes);
    ProbeCompleted awq = ProbeFixture.write(ev, "awq", f.variantResult(), dir.resolve("a"));
    Files.delete(dir.resolve("a"));
    ProbeCompleted gptq =
        ProbeCompleted.failed(ev, "gptq", ProbeFixture.PROBE_SET, "probe model not loaded");
    ProbeFixture other = new ProbeFixture(13, 48, new int[] {6, 4}, 0.2);
    ProbeCompleted wanda = ProbeFixture.write(ev, "wanda", other.variantResult(), dir.resolve("w"));
    Campaign c =
        new Campaign(ev)
            .task("base", "exact/a", true)
            .task("rtn", "exact/a", true)
            .task("awq", "exact/a", true)
            .task("gptq", "exact/a", true)
            .task("wanda", "exact/a", true)
            .probing(ProbeFixture.PROBE_SET)
            .requested(ev, List.of("exact/a"), Map.of());
    double failedBefore = analyses("failed");
    try (var recorder = new KafkaTopicRecorder(bootstrap, List.of(Topics.EVALUATION_COMPLETED));
        var sender = new EventSender(bootstrap)) {
      c.all().forEach(sender::send);
      List.of(rtn, awq, gptq, wanda, base).forEach(sender::send);
      await().atMost(WAIT).until(() -> ScoringPipelineTest.completed(recorder, ev).size() == 1);
      assertThat(ScoringPipelineTest.completed(recorder, ev).getFirst().status())
          .isEqualTo("PASSED");
    }
    Map<String, ProbeAnalysisRecord> byVariant = new java.util.HashMap<>();
    results.probeAnalyses(ev).forEach(a -> byVariant.put(a.variantId(), a));
    assertThat(byVariant.keySet()).containsExactlyInAnyOrder("base", "rtn", "awq", "wanda");
    assertThat(byVariant.get("base").stored()).isTrue();
    assertThat(byVariant.get("rtn").status()).isEqualTo(ProbeAnalysisRecord.FAILED);
    assertThat(byVariant.get("rtn").failureReason()).contains("rtn").contains("sha256");
    assertThat(byVariant.get("awq").failureReason()).contains("awq").contains("does not exist");
    assertThat(byVariant.get("awq").resultJson()).isNull();
    // other probe inputs than the base's (different token ids)
    assertThat(byVariant.get("wanda").failureReason()).contains("wanda").contains("differ");
    assertThat(results.probes(ev))
        .filteredOn(p -> p.variantId().equals("gptq"))
        .singleElement()
        .satisfies(p -> assertThat(p.error()).isEqualTo("probe model not loaded"));
    assertThat(analyses("failed") - failedBefore).isEqualTo(3.0);
    String html =
        given()
            .get("/api/v1/results/{id}/report.html", ev)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(html)
        .contains("gptq: probe failed: probe model not loaded")
        .contains("rtn: analysis failed:")
        .contains("id=\"section-erank\"")
        .doesNotContain("id=\"section-energy\"")
        .doesNotContain("id=\"section-topk\"");
  }

  @Test
  void pendingEvaluationRendersWhatExistsAndUnknownIdsAre404() {
    String ev = "ev-" + UUID.randomUUID();
    Campaign c =
        new Campaign(ev)
            .task("base", "exact/a", true, false)
            .probing(ProbeFixture.PROBE_SET)
            .requested(ev, List.of("exact/a"), Map.of());
    try (var sender = new EventSender(bootstrap)) {
      c.all().forEach(sender::send);
    }
    await().atMost(WAIT).until(() -> results.taskResults(ev).size() == 1);
    String html =
        given()
            .get("/api/v1/results/{id}/report.html", ev)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(html)
        .contains("(pending)")
        .contains("PENDING")
        .contains("id=\"section-tasks\"")
        .doesNotContain("id=\"section-energy\"")
        .doesNotContain("<svg");
    assertThat(
            given()
                .get("/api/v1/results/{id}/report.md", ev)
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .contains("(pending)");
    for (String format : List.of("report.html", "report.md")) {
      String body =
          given()
              .get("/api/v1/results/{id}/" + format, "no-such-ev")
              .then()
              .statusCode(404)
              .extract()
              .asString();
      assertThat(body).contains("no-such-ev");
    }
  }

  private double analyses(String outcome) {
    var counter = registry.find("acbench.metrics.analyses").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
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
}
