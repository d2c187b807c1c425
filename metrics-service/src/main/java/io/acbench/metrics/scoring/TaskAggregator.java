package io.acbench.metrics.scoring;

import io.acbench.metrics.config.MetricsConfig;
import io.acbench.metrics.statistics.Bootstrap;
import io.acbench.metrics.statistics.BootstrapSpec;
import io.acbench.metrics.statistics.MeanCi;
import io.acbench.metrics.store.SampleRecord;
import io.acbench.metrics.store.TaskResultRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Aggregates the scored samples of a complete (variant, task): the scorer's task-level metrics, the
 * score (mean of the primary metric) and its percentile bootstrap interval.
 */
@ApplicationScoped
public class TaskAggregator {

  private final ScorerRegistry scorers;
  private final MetricsConfig.Scoring config;

  public TaskAggregator(ScorerRegistry scorers, MetricsConfig config) {
    this.scorers = scorers;
    this.config = config.scoring();
  }

  /** The result of the samples of one (variant, task), ordered by sample id. */
  public TaskResultRecord aggregate(
      String evaluationId, String variantId, String taskId, List<SampleRecord> samples) {
    int n = samples.size();
    var scorer = scorers.forTask(taskId);
    if (scorer.isEmpty()) {
      return TaskResultRecord.failed(
          evaluationId, variantId, taskId, n, scorers.unknownFamilyReason(taskId));
    }
    if (n == 0) {
      return TaskResultRecord.failed(evaluationId, variantId, taskId, 0, "the task has no samples");
    }
    List<SampleRecord> unscored = samples.stream().filter(s -> s.scoringError() != null).toList();
    if (!unscored.isEmpty()) {
      return TaskResultRecord.failed(
          evaluationId,
          variantId,
          taskId,
          n,
          unscored.size()
              + " sample(s) could not be scored, first "
              + unscored.getFirst().sampleId()
              + ": "
              + unscored.getFirst().scoringError());
    }
    List<TaskScorer.SampleScore> scores =
        samples.stream()
            .map(s -> new TaskScorer.SampleScore(s.primaryMetric(), s.metrics()))
            .toList();
    String primary = scores.getFirst().primaryMetric();
    Map<String, Double> metrics = scorer.get().aggregate(scores);
    double[] values = scores.stream().mapToDouble(TaskScorer.SampleScore::primary).toArray();
    MeanCi ci =
        Bootstrap.meanCi(
            values,
            new BootstrapSpec(
                config.bootstrapResamples(), 1 - config.confidenceLevel(), config.bootstrapSeed()));
    return new TaskResultRecord(
        evaluationId,
        variantId,
        taskId,
        TaskResultRecord.SCORED,
        primary,
        metrics.getOrDefault(primary, ci.mean()),
        ci.low(),
        ci.high(),
        n,
        metrics,
        null);
  }
}
