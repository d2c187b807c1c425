package io.acbench.metrics.scoring;

import io.acbench.contracts.events.EvaluationCompleted;
import io.acbench.contracts.events.TaskScored;
import io.acbench.metrics.config.MetricsConfig;
import io.acbench.metrics.store.EvaluationRecord;
import io.acbench.metrics.store.OutboxMessage;
import io.acbench.metrics.store.ProbeRecord;
import io.acbench.metrics.store.ResultsRepository;
import io.acbench.metrics.store.StoreJson;
import io.acbench.metrics.store.TaskResultRecord;
import io.acbench.metrics.store.TaskRunRecord;
import io.acbench.metrics.verdict.VerdictEngine;
import io.acbench.metrics.verdict.VerdictPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Completion tracking. Every ingest commits first and then asks whether its (variant, task) or its
 * evaluation is now complete, so in any arrival order the last commit sees everything. Results are
 * written once (primary key) together with the event they cause, in one transaction, into the
 * outbox, which the {@link EventRelay} publishes: exactly one {@code task.scored} per (variant,
 * task) and one {@code evaluation.completed} per evaluation, and none lost to a crash between
 * commit and send. With a probe set, an evaluation also waits for every variant's probe and every
 * analysis its probes allow; a variant whose compression failed is not waited for.
 */
@ApplicationScoped
public class ScoringPipeline {

  private final ResultsRepository results;
  private final TaskAggregator aggregator;
  private final EventRelay relay;
  private final ScoreGauges gauges;
  private final MeterRegistry registry;
  private final MetricsConfig config;
  private final Instance<ReportLinks> reportLinks;

  public ScoringPipeline(
      ResultsRepository results,
      TaskAggregator aggregator,
      EventRelay relay,
      ScoreGauges gauges,
      MeterRegistry registry,
      MetricsConfig config,
      Instance<ReportLinks> reportLinks) {
    this.results = results;
    this.aggregator = aggregator;
    this.relay = relay;
    this.gauges = gauges;
    this.registry = registry;
    this.config = config;
    this.reportLinks = reportLinks;
  }

  /** Scores a (variant, task) once its task.completed and all its samples are stored. */
  public void taskMaybeComplete(String evaluationId, String variantId, String taskId) {
    Optional<TaskRunRecord> run = results.taskRun(evaluationId, variantId, taskId);
    if (run.isEmpty()) {
      return;
    }
    TaskResultRecord result;
    if (run.get().failed()) {
      result =
          TaskResultRecord.failed(
              evaluationId,
              variantId,
              taskId,
              0,
              "task failed in the runner: " + run.get().failureReason());
    } else {
      if (results.sampleCount(evaluationId, variantId, taskId) < run.get().sampleCount()) {
        return;
      }
      Timer.Sample timing = Timer.start(registry);
      result =
          aggregator.aggregate(
              evaluationId, variantId, taskId, results.samples(evaluationId, variantId, taskId));
      timing.stop(registry.timer("acbench.metrics.aggregation.duration"));
    }
    TaskScored scored =
        TaskScored.of(
            evaluationId,
            variantId,
            taskId,
            result.status(),
            result.score(),
            result.ciLow(),
            result.ciHigh(),
            result.sampleCount(),
            result.failureReason());
    if (!results.saveTaskResultOnce(result, OutboxMessage.of(scored))) {
      // written before: a redelivery after a crash may find the evaluation's check undone
      evaluationMaybeComplete(evaluationId);
      return;
    }
    registry.counter("acbench.metrics.tasks.scored", "status", result.status()).increment();
    relay.publishPending();
    if (result.scored()) {
      results
          .evaluation(evaluationId)
          .ifPresent(e -> gauges.set(e.modelName(), variantId, taskId, result.score()));
    }
    evaluationMaybeComplete(evaluationId);
  }

  /** Emits the evaluation's verdict once every (variant, task) it requested has a result. */
  public void evaluationMaybeComplete(String evaluationId) {
    Optional<EvaluationRecord> evaluation = results.evaluation(evaluationId);
    if (evaluation.isEmpty()) {
      return;
    }
    EvaluationRecord e = evaluation.get();
    Map<String, String> compressionFailures = new HashMap<>();
    results
        .compressionFailures(evaluationId)
        .forEach(f -> compressionFailures.put(f.variantId(), f.reason()));
    List<String> built =
        e.variantIds().stream().filter(v -> !compressionFailures.containsKey(v)).toList();
    List<TaskResultRecord> taskResults = results.taskResults(evaluationId);
    Set<String> done = new HashSet<>();
    taskResults.forEach(r -> done.add(r.variantId() + "\n" + r.taskId()));
    for (String variant : built) {
      for (String task : e.taskIds()) {
        if (!done.contains(variant + "\n" + task)) {
          return;
        }
      }
    }
    if (e.probeSetId() != null && !probingDone(evaluationId, e.probeSetId(), built)) {
      return;
    }
    VerdictPolicy policy = VerdictPolicy.of(config.verdict().defaults(), e.policy());
    VerdictEngine.Outcome outcome =
        VerdictEngine.decide(e, taskResults, policy, compressionFailures);
    String reportUri =
        reportLinks.isResolvable() ? reportLinks.get().reportUri(evaluationId) : null;
    EvaluationCompleted completed =
        EvaluationCompleted.of(evaluationId, outcome.status(), outcome.verdicts(), reportUri);
    if (!results.saveEvaluationResultOnce(
        evaluationId,
        outcome.status(),
        StoreJson.write(outcome.verdicts()),
        OutboxMessage.of(completed))) {
      return;
    }
    taskResults.stream()
        .filter(TaskResultRecord::scored)
        .forEach(r -> gauges.set(e.modelName(), r.variantId(), r.taskId(), r.score()));
    registry
        .counter("acbench.metrics.evaluations.completed", "status", outcome.status())
        .increment();
    relay.publishPending();
  }

  /**
   * Whether every built variant (the base included) has its probe event (success or failure) on the
   * probe set, and every analysis those probes allow is stored: the base's when its probe
   * succeeded, and each variant's whose probe succeeded as well.
   */
  private boolean probingDone(String evaluationId, String probeSetId, List<String> built) {
    Map<String, ProbeRecord> probes = new HashMap<>();
    results.probes(evaluationId).stream()
        .filter(p -> p.probeSetId().equals(probeSetId))
        .forEach(p -> probes.put(p.variantId(), p));
    if (!probes.keySet().containsAll(built)) {
      return false;
    }
    ProbeRecord base = probes.get(EvaluationRecord.BASE);
    if (base == null || !base.succeeded()) {
      return true;
    }
    Set<String> analysed = new HashSet<>();
    results.probeAnalyses(evaluationId).stream()
        .filter(a -> a.probeSetId().equals(probeSetId))
        .forEach(a -> analysed.add(a.variantId()));
    return built.stream().filter(v -> probes.get(v).succeeded()).allMatch(analysed::contains);
  }
}
