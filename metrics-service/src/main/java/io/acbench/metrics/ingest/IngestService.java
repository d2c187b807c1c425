package io.acbench.metrics.ingest;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.contracts.events.SampleCompleted;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.metrics.probes.ProbeAnalyzer;
import io.acbench.metrics.scoring.SampleScoring;
import io.acbench.metrics.scoring.ScoringPipeline;
import io.acbench.metrics.scoring.TaskScorer;
import io.acbench.metrics.store.CompressionFailureRecord;
import io.acbench.metrics.store.EvaluationRecord;
import io.acbench.metrics.store.IngestOutcome;
import io.acbench.metrics.store.IngestRepository;
import io.acbench.metrics.store.ProbeRecord;
import io.acbench.metrics.store.SampleRecord;
import io.acbench.metrics.store.TaskRunRecord;
import io.acbench.metrics.verdict.VerdictPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Ingest of the task runner's events and of evaluation requests: validate, score (samples), store
 * idempotently on the natural key, then let the pipeline check for completion. Invalid or
 * conflicting events throw with a message naming the field or the conflict; the messaging edge
 * sends them to the dead-letter topic.
 */
@ApplicationScoped
public class IngestService {

  private final IngestRepository store;
  private final SampleScoring scoring;
  private final ScoringPipeline pipeline;
  private final ProbeAnalyzer analyzer;
  private final MeterRegistry registry;

  public IngestService(
      IngestRepository store,
      SampleScoring scoring,
      ScoringPipeline pipeline,
      ProbeAnalyzer analyzer,
      MeterRegistry registry) {
    this.store = store;
    this.scoring = scoring;
    this.pipeline = pipeline;
    this.analyzer = analyzer;
    this.registry = registry;
  }

  public IngestOutcome sample(SampleCompleted e) {
    return measured(
        Topics.SAMPLE_COMPLETED,
        () -> {
          EventChecks.sample(e);
          SampleScoring.Result score =
              scoring.score(
                  new TaskScorer.SampleInput(
                      e.taskId(), e.sampleId(), e.rawOutput(), e.parsedOutput(), e.reference()));
          IngestOutcome outcome =
              store.saveSample(
                  new SampleRecord(
                      e.evaluationId(),
                      e.variantId(),
                      e.taskId(),
                      e.sampleId(),
                      e.eventId(),
                      e.promptDigest(),
                      e.rawOutput(),
                      e.parsedOutput(),
                      e.reference(),
                      e.promptTokens(),
                      e.completionTokens(),
                      e.latencyMillis(),
                      score.primaryMetric(),
                      score.score(),
                      score.metrics(),
                      score.error(),
                      e.occurredAt()));
          pipeline.taskMaybeComplete(e.evaluationId(), e.variantId(), e.taskId());
          return outcome;
        });
  }

  public IngestOutcome taskCompleted(TaskCompleted e) {
    return measured(
        Topics.TASK_COMPLETED,
        () -> {
          EventChecks.task(e);
          IngestOutcome outcome =
              store.saveTaskRun(
                  new TaskRunRecord(
                      e.evaluationId(),
                      e.variantId(),
                      e.taskId(),
                      e.eventId(),
                      e.status(),
                      e.sampleCount(),
                      e.failureReason(),
                      e.occurredAt()));
          pipeline.taskMaybeComplete(e.evaluationId(), e.variantId(), e.taskId());
          return outcome;
        });
  }

  public IngestOutcome probe(ProbeCompleted e) {
    return measured(
        Topics.PROBE_COMPLETED,
        () -> {
          EventChecks.probe(e);
          IngestOutcome outcome =
              store.saveProbe(
                  new ProbeRecord(
                      e.evaluationId(),
                      e.variantId(),
                      e.probeSetId(),
                      e.eventId(),
                      e.resultUri(),
                      e.resultDigest(),
                      e.sequenceCount(),
                      e.positionCount(),
                      e.occurredAt(),
                      e.error()));
          // also on a duplicate: a crash after the probe's commit may have left its analysis undone
          analyzer.analyzeReady(e.evaluationId(), e.probeSetId());
          pipeline.evaluationMaybeComplete(e.evaluationId());
          return outcome;
        });
  }

  public IngestOutcome compressionFailed(CompressionFailed e) {
    return measured(
        Topics.COMPRESSION_FAILED,
        () -> {
          EventChecks.compressionFailed(e);
          IngestOutcome outcome =
              store.saveCompressionFailure(
                  new CompressionFailureRecord(
                      e.evaluationId(),
                      e.variantId(),
                      e.eventId(),
                      e.reason(),
                      e.retryable(),
                      e.occurredAt()));
          pipeline.evaluationMaybeComplete(e.evaluationId());
          return outcome;
        });
  }

  public IngestOutcome evaluationRequested(EvaluationRequested e) {
    return measured(
        Topics.EVALUATION_REQUESTED,
        () -> {
          EventChecks.evaluation(e);
          VerdictPolicy.validate(e.thresholds());
          List<EvaluationRecord.Variant> variants = new ArrayList<>();
          boolean hasBase =
              e.variants().stream().anyMatch(v -> v.variantId().equals(EvaluationRecord.BASE));
          if (!hasBase) {
            variants.add(new EvaluationRecord.Variant(EvaluationRecord.BASE, "none", Map.of()));
          }
          e.variants()
              .forEach(
                  v ->
                      variants.add(
                          new EvaluationRecord.Variant(v.variantId(), v.method(), v.parameters())));
          IngestOutcome outcome =
              store.saveEvaluation(
                  new EvaluationRecord(
                      e.evaluationId(),
                      e.eventId(),
                      e.modelName(),
                      e.baseModelUri(),
                      e.thresholds(),
                      e.occurredAt(),
                      variants,
                      e.taskIds(),
                      e.probeSetId()));
          pipeline.evaluationMaybeComplete(e.evaluationId());
          return outcome;
        });
  }

  private IngestOutcome measured(String topic, Supplier<IngestOutcome> work) {
    Timer.Sample timing = Timer.start(registry);
    String outcome = "rejected";
    try {
      IngestOutcome result = work.get();
      outcome = result.name().toLowerCase(Locale.ROOT);
      return result;
    } finally {
      timing.stop(registry.timer("acbench.metrics.ingest.duration", "topic", topic));
      registry
          .counter("acbench.metrics.ingest.events", "topic", topic, "outcome", outcome)
          .increment();
    }
  }
}
