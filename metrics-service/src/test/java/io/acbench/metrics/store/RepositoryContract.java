package io.acbench.metrics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The results store's behaviour, run against every database the service supports: each subclass
 * gives a fresh, empty database; the Flyway migrations build the schema.
 */
abstract class RepositoryContract {

  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  protected DataSource dataSource;
  protected IngestRepository ingest;
  protected ResultsRepository results;

  /** A new empty database. */
  protected abstract DataSource freshDatabase() throws Exception;

  @BeforeEach
  void migrate() throws Exception {
    dataSource = freshDatabase();
    var result =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    assertThat(result.success).isTrue();
    ingest = new IngestRepository(dataSource);
    results = new ResultsRepository(dataSource);
  }

  static SampleRecord sample(String id, String raw, double score) {
    return new SampleRecord(
        "ev1",
        "gptq",
        "exact/qa",
        id,
        "event-" + id + "-" + raw,
        "digest-" + id,
        raw,
        "\"" + raw + "\"",
        "\"yes\"",
        12,
        3,
        40L,
        "exact",
        score,
        Map.of("exact", score),
        null,
        T0);
  }

  @Test
  void migrationsCreateEveryTableEmpty() throws Exception {
    Map<String, List<List<String>>> dump = TableDump.of(dataSource);
    assertThat(dump.keySet())
        .containsExactlyInAnyOrder(
            "evaluations",
            "variants",
            "evaluation_tasks",
            "samples",
            "task_runs",
            "task_results",
            "probe_results",
            "analysis_results",
            "evaluation_results",
            "processed_events",
            "probe_analyses",
            "compression_failures");
    assertThat(dump.values()).allSatisfy(rows -> assertThat(rows).isEmpty());
    assertThat(results.unsent(10)).isEmpty();
  }

  @Test
  void sampleRoundTripsWithEveryField() {
    SampleRecord s = sample("s1", "yes, it is", 1.0);
    assertThat(ingest.saveSample(s)).isEqualTo(IngestOutcome.STORED);
    assertThat(results.samples("ev1", "gptq", "exact/qa")).containsExactly(s);
    assertThat(results.sampleCount("ev1", "gptq", "exact/qa")).isEqualTo(1);
  }

  @Test
  void duplicateSampleIsIgnoredEvenUnderANewEventId() throws Exception {
    SampleRecord s = sample("s1", "yes", 1.0);
    ingest.saveSample(s);
    var before = TableDump.of(dataSource);
    SampleRecord again =
        new SampleRecord(
            s.evaluationId(),
            s.variantId(),
            s.taskId(),
            s.sampleId(),
            "another-event-id",
            s.promptDigest(),
            s.rawOutput(),
            s.parsedOutput(),
            s.reference(),
            s.promptTokens(),
            s.completionTokens(),
            s.latencyMillis(),
            s.primaryMetric(),
            s.score(),
            s.metrics(),
            null,
            T0.plusSeconds(60));
    assertThat(ingest.saveSample(s)).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(ingest.saveSample(again)).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(TableDump.of(dataSource)).isEqualTo(before);
  }

  @Test
  void concurrentWritersOfOneSampleStoreItOnce() throws Exception {
    SampleRecord s = sample("s1", "yes", 1.0);
    int writers = 6;
    var start = new java.util.concurrent.CountDownLatch(1);
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(writers)) {
      List<java.util.concurrent.Future<IngestOutcome>> outcomes = new java.util.ArrayList<>();
      for (int i = 0; i < writers; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  return ingest.saveSample(s);
                }));
      }
      start.countDown();
      List<IngestOutcome> seen = new java.util.ArrayList<>();
      for (var f : outcomes) {
        seen.add(f.get());
      }
      assertThat(seen).containsOnlyOnce(IngestOutcome.STORED);
      assertThat(seen).filteredOn(o -> o == IngestOutcome.DUPLICATE).hasSize(writers - 1);
    }
    assertThat(TableDump.of(dataSource).get("samples")).hasSize(1);
  }

  @Test
  void conflictingSampleIsRejectedAndTheStoredRowKept() throws Exception {
    SampleRecord s = sample("s1", "yes", 1.0);
    ingest.saveSample(s);
    var before = TableDump.of(dataSource);
    assertThatThrownBy(() -> ingest.saveSample(sample("s1", "no", 0.0)))
        .isInstanceOf(ConflictingEventException.class)
        .hasMessageContaining("ev1/gptq/exact/qa/s1")
        .hasMessageContaining("rawOutput")
        .hasMessageContaining("parsedOutput");
    assertThat(TableDump.of(dataSource)).isEqualTo(before);
    assertThat(results.samples("ev1", "gptq", "exact/qa")).containsExactly(s);
  }

  @Test
  void reusedEventIdForAnotherKeyIsRejected() {
    ingest.saveSample(sample("s1", "yes", 1.0));
    SampleRecord other = sample("s2", "yes", 1.0);
    SampleRecord sameId =
        new SampleRecord(
            other.evaluationId(),
            other.variantId(),
            other.taskId(),
            other.sampleId(),
            "event-s1-yes",
            other.promptDigest(),
            other.rawOutput(),
            other.parsedOutput(),
            other.reference(),
            1,
            1,
            1L,
            "exact",
            1.0,
            Map.of("exact", 1.0),
            null,
            T0);
    assertThatThrownBy(() -> ingest.saveSample(sameId))
        .isInstanceOf(ConflictingEventException.class)
        .hasMessageContaining("event-s1-yes");
    assertThat(results.sampleCount("ev1", "gptq", "exact/qa")).isEqualTo(1);
  }

  @Test
  void taskRunIsIdempotentAndConflictsNameTheField() {
    TaskRunRecord run =
        new TaskRunRecord("ev1", "base", "exact/qa", "e1", "COMPLETED", 3, null, T0);
    assertThat(ingest.saveTaskRun(run)).isEqualTo(IngestOutcome.STORED);
    assertThat(ingest.saveTaskRun(run)).isEqualTo(IngestOutcome.DUPLICATE);
    assertThatThrownBy(
            () ->
                ingest.saveTaskRun(
                    new TaskRunRecord("ev1", "base", "exact/qa", "e2", "COMPLETED", 4, null, T0)))
        .isInstanceOf(ConflictingEventException.class)
        .hasMessageContaining("sampleCount");
    assertThat(results.taskRun("ev1", "base", "exact/qa")).contains(run);
  }

  @Test
  void probeIsIdempotent() {
    ProbeRecord p =
        new ProbeRecord("ev1", "base", "builtin-v1", "p1", "file:///p", "ab12", 4, 128, T0);
    assertThat(ingest.saveProbe(p)).isEqualTo(IngestOutcome.STORED);
    assertThat(ingest.saveProbe(p)).isEqualTo(IngestOutcome.DUPLICATE);
    assertThatThrownBy(
            () ->
                ingest.saveProbe(
                    new ProbeRecord(
                        "ev1", "base", "builtin-v1", "p2", "file:///p", "cd34", 4, 128, T0)))
        .hasMessageContaining("resultDigest");
    assertThat(results.probes("ev1")).containsExactly(p);
  }

  @Test
  void evaluationRoundTripsWithVariantsTasksAndPolicy() {
    EvaluationRecord e =
        new EvaluationRecord(
            "ev1",
            "r1",
            "tiny",
            "/models/tiny",
            Map.of("min-score:teval", 0.5),
            T0,
            List.of(
                new EvaluationRecord.Variant("base", "none", Map.of()),
                new EvaluationRecord.Variant("gptq", "gptq", Map.of("bits", "4"))),
            List.of("exact/a", "exact/b"));
    assertThat(ingest.saveEvaluation(e)).isEqualTo(IngestOutcome.STORED);
    assertThat(ingest.saveEvaluation(e)).isEqualTo(IngestOutcome.DUPLICATE);
    assertThat(results.evaluation("ev1")).contains(e);
  }

  @Test
  void taskResultAndEvaluationResultAreWrittenOnce() {
    TaskResultRecord r =
        new TaskResultRecord(
            "ev1",
            "base",
            "exact/qa",
            "SCORED",
            "exact",
            0.5,
            0.25,
            0.75,
            4,
            Map.of("exact", 0.5),
            null);
    assertThat(results.saveTaskResultOnce(r)).isTrue();
    assertThat(
            results.saveTaskResultOnce(
                TaskResultRecord.failed("ev1", "base", "exact/qa", 0, "late")))
        .isFalse();
    assertThat(results.taskResults("ev1")).containsExactly(r);
    assertThat(results.saveEvaluationResultOnce("ev1", "PASSED", "[]")).isTrue();
    assertThat(results.saveEvaluationResultOnce("ev1", "FAILED", "[]")).isFalse();
    assertThat(results.evaluationResult("ev1")).contains(Map.entry("PASSED", "[]"));
  }

  @Test
  void samplesPageInKeyOrderAndFilter() {
    for (int i = 0; i < 5; i++) {
      ingest.saveSample(sample("s" + i, "yes", 1.0));
    }
    assertThat(results.samplePage("ev1", null, null, 2, 2))
        .extracting(SampleRecord::sampleId)
        .containsExactly("s2", "s3");
    assertThat(results.samplePage("ev1", "gptq", "exact/qa", 4, 10))
        .extracting(SampleRecord::sampleId)
        .containsExactly("s4");
    assertThat(results.samplePage("ev1", "base", null, 0, 10)).isEmpty();
  }

  @Test
  void analysisResultIsReplacedByVariantAndName() {
    results.saveAnalysisResult("ev1", "gptq", "erank", "{\"erank\":1.5}");
    results.saveAnalysisResult("ev1", "gptq", "erank", "{\"erank\":1.9}");
    results.saveAnalysisResult("ev1", "base", "erank", "{\"erank\":2.0}");
    assertThat(results.analysisResults("ev1"))
        .isEqualTo(
            Map.of(
                "base", Map.of("erank", "{\"erank\":2.0}"),
                "gptq", Map.of("erank", "{\"erank\":1.9}")));
  }

  @Test
  void failedProbeKeepsItsErrorWithoutAFile() {
    ProbeRecord failed =
        new ProbeRecord("ev1", "gptq", "builtin-v1", "p9", null, null, 0, 0, T0, "backend down");
    assertThat(ingest.saveProbe(failed)).isEqualTo(IngestOutcome.STORED);
    assertThat(ingest.saveProbe(failed)).isEqualTo(IngestOutcome.DUPLICATE);
    assertThatThrownBy(
            () ->
                ingest.saveProbe(
                    new ProbeRecord(
                        "ev1", "gptq", "builtin-v1", "p10", null, null, 0, 0, T0, "timeout")))
        .isInstanceOf(ConflictingEventException.class)
        .hasMessageContaining("error");
    assertThat(results.probes("ev1"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.succeeded()).isFalse();
              assertThat(p.error()).isEqualTo("backend down");
              assertThat(p.resultUri()).isNull();
            });
  }

  @Test
  void evaluationKeepsItsProbeSetAndAConflictingProbeSetIsRejected() {
    EvaluationRecord e =
        new EvaluationRecord(
            "ev2",
            "r2",
            "tiny",
            "/models/tiny",
            Map.of(),
            T0,
            List.of(new EvaluationRecord.Variant("base", "none", Map.of())),
            List.of("exact/a"),
            "builtin-v1");
    assertThat(ingest.saveEvaluation(e)).isEqualTo(IngestOutcome.STORED);
    assertThat(results.evaluation("ev2")).contains(e);
    EvaluationRecord other =
        new EvaluationRecord(
            "ev2",
            "r3",
            "tiny",
            "/models/tiny",
            Map.of(),
            T0,
            e.variants(),
            e.taskIds(),
            "other-set");
    assertThatThrownBy(() -> ingest.saveEvaluation(other)).hasMessageContaining("probeSetId");
  }

  @Test
  void compressionFailureIsIdempotentAndConflictsNameTheField() throws Exception {
    CompressionFailureRecord f =
        new CompressionFailureRecord("ev1", "gptq", "c1", "out of memory", false, T0);
    assertThat(ingest.saveCompressionFailure(f)).isEqualTo(IngestOutcome.STORED);
    var before = TableDump.of(dataSource);
    assertThat(
            ingest.saveCompressionFailure(
                new CompressionFailureRecord("ev1", "gptq", "c2", "out of memory", false, T0)))
        .isEqualTo(IngestOutcome.DUPLICATE);
    assertThatThrownBy(
            () ->
                ingest.saveCompressionFailure(
                    new CompressionFailureRecord("ev1", "gptq", "c3", "disk full", true, T0)))
        .isInstanceOf(ConflictingEventException.class)
        .hasMessageContaining("reason")
        .hasMessageContaining("retryable");
    assertThat(TableDump.of(dataSource)).isEqualTo(before);
    assertThat(results.compressionFailures("ev1")).containsExactly(f);
  }

  @Test
  void probeAnalysisIsWrittenOnceStoredOrFailed() {
    ProbeAnalysisRecord stored =
        new ProbeAnalysisRecord(
            "ev1",
            "gptq",
            "builtin-v1",
            ProbeAnalysisRecord.STORED,
            3.5,
            -0.25,
            0.01,
            "{\"erank\":{}}",
            null);
    ProbeAnalysisRecord failed =
        ProbeAnalysisRecord.failed("ev1", "rtn", "builtin-v1", "probe file missing");
    assertThat(results.saveProbeAnalysisOnce(stored)).isTrue();
    assertThat(results.saveProbeAnalysisOnce(failed)).isTrue();
    assertThat(
            results.saveProbeAnalysisOnce(
                ProbeAnalysisRecord.failed("ev1", "gptq", "builtin-v1", "late")))
        .isFalse();
    assertThat(results.probeAnalyses("ev1")).containsExactly(stored, failed);
  }

  @Test
  void resultAndItsEventAreWrittenTogetherOnceAndTheEventIsSentOnce() {
    TaskResultRecord r =
        new TaskResultRecord(
            "ev1", "base", "exact/qa", "SCORED", "exact", 1.0, 1.0, 1.0, 1, Map.of(), null);
    var first =
        io.acbench.contracts.events.TaskScored.of(
            "ev1", "base", "exact/qa", "SCORED", 1.0, 1.0, 1.0, 1, null);
    var second =
        io.acbench.contracts.events.TaskScored.of(
            "ev1", "base", "exact/qa", "SCORED", 1.0, 1.0, 1.0, 1, null);
    assertThat(results.saveTaskResultOnce(r, OutboxMessage.of(first))).isTrue();
    assertThat(results.saveTaskResultOnce(r, OutboxMessage.of(second))).isFalse();
    assertThat(results.saveEvaluationResultOnce("ev1", "PASSED", "[]", null)).isTrue();
    List<OutboxMessage> unsent = results.unsent(10);
    assertThat(unsent).extracting(OutboxMessage::eventId).containsExactly(first.eventId());
    assertThat(unsent.getFirst().topic()).isEqualTo("acbench.task.scored");
    assertThat(unsent.getFirst().event()).isEqualTo(first);
    results.markSent(first.eventId(), T0);
    assertThat(results.unsent(10)).isEmpty();
    assertThat(results.outboxMessage(first.eventId()))
        .get()
        .extracting(OutboxMessage::sentAt)
        .isEqualTo(T0);
  }
}
