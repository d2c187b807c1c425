package io.acbench.metrics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.metrics.messaging.ProbeFixture;
import io.acbench.metrics.probes.ProbeAnalyzer;
import io.acbench.metrics.store.CompressionFailureRecord;
import io.acbench.metrics.store.EvaluationRecord;
import io.acbench.metrics.store.IngestRepository;
import io.acbench.metrics.store.ProbeRecord;
import io.acbench.metrics.store.ResultsRepository;
import io.acbench.metrics.store.SampleRecord;
import io.acbench.metrics.store.TaskResultRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report model built from a real (H2) store holding real probe analyses. */
class ReportAssemblerTest {

  private static final String EV = "ev-report";
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path dir;

  /** A store with scores, needle samples, a compression failure and probe analyses. */
  static ResultsRepository store(Path dir, ProbeFixture f) throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    IngestRepository ingest = new IngestRepository(ds);
    ResultsRepository results = new ResultsRepository(ds);
    ingest.saveEvaluation(
        new EvaluationRecord(
            EV,
            "r",
            "tiny-qwen",
            "/models/tiny",
            Map.of(),
            T0,
            List.of(
                new EvaluationRecord.Variant("base", "none", Map.of()),
                new EvaluationRecord.Variant("rtn", "rtn", Map.of("bits", "4")),
                new EvaluationRecord.Variant("gptq", "gptq", Map.of("bits", "4"))),
            List.of("exact/a", "needle/niah"),
            ProbeFixture.PROBE_SET));
    double[] base = {1, 1, 1, 0};
    double[] rtn = {1, 0, 1, 0};
    for (int i = 0; i < base.length; i++) {
      ingest.saveSample(sample("base", "exact/a", "s" + i, base[i], Map.of()));
      ingest.saveSample(sample("rtn", "exact/a", "s" + i, rtn[i], Map.of()));
    }
    int n = 0;
    for (int length : new int[] {1000, 2000}) {
      for (int depth : new int[] {0, 50}) {
        for (double score : new double[] {length / 2000.0, depth / 100.0}) {
          ingest.saveSample(
              sample(
                  "base",
                  "needle/niah",
                  "n" + n++,
                  score,
                  Map.of("context_length", (double) length, "depth_percent", (double) depth)));
        }
      }
    }
    results.saveTaskResultOnce(scored("base", "exact/a", 0.75, 4));
    results.saveTaskResultOnce(scored("rtn", "exact/a", 0.5, 4));
    results.saveTaskResultOnce(scored("base", "needle/niah", 0.625, 8));
    ingest.saveCompressionFailure(
        new CompressionFailureRecord(EV, "gptq", "c1", "out of memory", false, T0));
    for (var p :
        List.of(
            ProbeFixture.write(EV, "base", f.baseResult(), dir.resolve("base.acbp")),
            ProbeFixture.write(EV, "rtn", f.variantResult(), dir.resolve("rtn.acbp")))) {
      ingest.saveProbe(record(p));
    }
    new ProbeAnalyzer(results, new SimpleMeterRegistry()).analyzeReady(EV, ProbeFixture.PROBE_SET);
    return results;
  }

  @Test
  void pendingThenCompletedReportShowsWhatTheStoreHolds() throws Exception {
    ProbeFixture f = new ProbeFixture(3, 64, new int[] {8, 6, 7}, 0.5);
    ResultsRepository results = store(dir, f);
    ReportModel m = new ReportAssembler(results).assemble(EV).orElseThrow();

    assertThat(m.title()).isEqualTo("ACBench report: tiny-qwen (pending)");
    assertThat(m.notes()).first().asString().startsWith("PENDING");
    assertThat(m.notes()).contains("gptq: compression failed: out of memory");
    assertThat(m.variants())
        .extracting(ReportModel.Variant::id)
        .containsExactly("base", "gptq", "rtn");

    ReportModel.TaskScore rtn =
        m.taskScores().stream().filter(t -> t.variantId().equals("rtn")).findFirst().orElseThrow();
    assertThat(rtn.score().absoluteChange()).isCloseTo(-0.25, within(1e-12));
    assertThat(rtn.score().relativeChange()).isCloseTo(-1.0 / 3, within(1e-12));
    // one flip correct → wrong (s1), none back: exact McNemar p = min(1, 2 · 0.5¹) = 1
    assertThat(List.of(rtn.correctToWrong(), rtn.wrongToCorrect())).containsExactly(1, 0);
    assertThat(rtn.score().test()).isEqualTo("mcnemar-exact");
    assertThat(rtn.score().pValue()).isCloseTo(1.0, within(1e-12));
    assertThat(m.capabilityScores())
        .filteredOn(c -> c.variantId().equals("rtn"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.capability()).isEqualTo("other");
              assertThat(c.score().absoluteChange()).isCloseTo(-0.25, within(1e-12));
            });

    ReportModel.NeedleGrid grid = m.needleGrids().getFirst();
    assertThat(m.needleGrids()).hasSize(1);
    assertThat(grid.variantId()).isEqualTo("base");
    assertThat(grid.lengths()).containsExactly(1000, 2000);
    assertThat(grid.depths()).containsExactly(0, 50);
    // cell (depth, length) = mean of length/2000 and depth/100
    assertThat(grid.scores()[0][0]).isCloseTo((0.5 + 0) / 2, within(1e-12));
    assertThat(grid.scores()[1][1]).isCloseTo((1 + 0.5) / 2, within(1e-12));

    assertThat(m.eranks())
        .extracting(ReportModel.ERankEntry::variantId)
        .containsExactly("base", "rtn");
    double baseERank = ProbeFixture.meanERank(f.base);
    double rtnERank = ProbeFixture.meanERank(f.variant);
    assertThat(m.eranks().get(0).erank()).isCloseTo(baseERank, within(1e-6));
    assertThat(m.eranks().get(1).diffERank()).isCloseTo(rtnERank - baseERank, within(1e-6));
    assertThat(m.eranks().get(1).meanKl()).isCloseTo(f.meanCoarsenedKl(), within(1e-5));
    assertThat(m.energyHistograms())
        .singleElement()
        .satisfies(h -> assertThat(h.densities().keySet()).containsExactly("base", "rtn"));
    assertThat(m.topKCurves()).extracting(ReportModel.TopKCurve::k).containsExactly(3, 10, 20);
    assertThat(m.topKCurves().getFirst().kendall()[2])
        .isCloseTo(f.correlationAt(3, 2, true), within(1e-9));

    String html = ReportRenderer.html(m);
    assertThat(html).contains("id=\"section-needle\"").contains("id=\"section-energy\"");

    results.saveEvaluationResultOnce(
        EV, "FAILED", "[{\"variantId\":\"gptq\",\"passed\":false,\"reasons\":[\"x\"]}]");
    ReportModel done = new ReportAssembler(results).assemble(EV).orElseThrow();
    assertThat(done.title()).isEqualTo("ACBench report: tiny-qwen");
    assertThat(done.notes()).contains("Status: FAILED.", "Verdict gptq: failed: x");
    assertThat(new ReportAssembler(results).assemble("unknown")).isEmpty();
  }

  private static SampleRecord sample(
      String variant, String task, String id, double score, Map<String, Double> metrics) {
    Map<String, Double> all = new java.util.HashMap<>(metrics);
    all.put("exact", score);
    return new SampleRecord(
        EV,
        variant,
        task,
        id,
        "e-" + variant + task + id,
        "d",
        "out",
        null,
        "\"ref\"",
        1,
        1,
        1L,
        "exact",
        score,
        all,
        null,
        T0);
  }

  private static TaskResultRecord scored(String variant, String task, double score, int n) {
    return new TaskResultRecord(
        EV, variant, task, "SCORED", "exact", score, score, score, n, Map.of("exact", score), null);
  }

  private static ProbeRecord record(ProbeCompleted p) {
    return new ProbeRecord(
        p.evaluationId(),
        p.variantId(),
        p.probeSetId(),
        p.eventId(),
        p.resultUri(),
        p.resultDigest(),
        p.sequenceCount(),
        p.positionCount(),
        p.occurredAt());
  }

  /** Writes the report of the example store: {@code java ... ReportAssemblerTest <dir>}. */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    ProbeFixture f = new ProbeFixture(3, 256, new int[] {32, 24, 28, 30}, 0.5);
    ResultsRepository results = store(Files.createTempDirectory("probes"), f);
    ReportModel m = new ReportAssembler(results).assemble(EV).orElseThrow();
    Files.writeString(out.resolve("report-from-store.html"), ReportRenderer.html(m));
  }
}
