package io.acbench.metrics.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores the samples of one task family (the prefix of a task id before '/', e.g. {@code worfbench}
 * for {@code worfbench/os}). Implementations are pure functions of their inputs; CDI beans of this
 * type are picked up by the scoring pipeline.
 */
public interface TaskScorer {

  /** The task family this scorer handles. */
  String family();

  /** Scores one sample. Never throws for a bad model output: an unparsable answer scores 0. */
  SampleScore score(SampleInput sample);

  /**
   * Task-level metrics of one (variant, task) from its per-sample scores. The default is the mean
   * of each metric over the samples; families whose reference aggregates differently override it.
   */
  default Map<String, Double> aggregate(List<SampleScore> samples) {
    Map<String, Double> sums = new LinkedHashMap<>();
    for (SampleScore s : samples) {
      s.metrics().forEach((k, v) -> sums.merge(k, v, Double::sum));
    }
    sums.replaceAll((k, v) -> v / samples.size());
    return sums;
  }

  /**
   * What a sample carried in {@code acbench.sample.completed}.
   *
   * @param taskId full task id, e.g. {@code teval/plan_str}
   * @param sampleId the sample
   * @param rawOutput the model's text
   * @param parsedOutput the runner's parse as JSON text, or null
   * @param reference the reference answer as JSON text
   */
  record SampleInput(
      String taskId, String sampleId, String rawOutput, String parsedOutput, String reference) {}

  /**
   * Named metrics of one sample, each in [0, 1] unless the metric says otherwise.
   *
   * @param primaryMetric the metric reported as the task's score
   * @param metrics all metrics, including the primary one
   */
  record SampleScore(String primaryMetric, Map<String, Double> metrics) {
    public SampleScore {
      metrics = Map.copyOf(metrics);
      if (!metrics.containsKey(primaryMetric)) {
        throw new IllegalArgumentException("primary metric " + primaryMetric + " missing");
      }
    }

    public double primary() {
      return metrics.get(primaryMetric);
    }
  }
}
