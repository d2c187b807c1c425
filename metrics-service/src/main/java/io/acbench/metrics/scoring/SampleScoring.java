package io.acbench.metrics.scoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Scores one sample with its family's {@link TaskScorer}. A missing scorer or a scorer that throws
 * is recorded as a scoring error on the sample (the task then fails with that reason); it never
 * rejects the sample, so the runner's output is kept.
 */
@ApplicationScoped
public class SampleScoring {

  /** The score of one sample, or why there is none. */
  public record Result(
      String primaryMetric, Double score, Map<String, Double> metrics, String error) {}

  private final ScorerRegistry scorers;
  private final MeterRegistry registry;

  public SampleScoring(ScorerRegistry scorers, MeterRegistry registry) {
    this.scorers = scorers;
    this.registry = registry;
  }

  public Result score(TaskScorer.SampleInput input) {
    var scorer = scorers.forTask(input.taskId());
    if (scorer.isEmpty()) {
      return new Result(null, null, Map.of(), scorers.unknownFamilyReason(input.taskId()));
    }
    Timer.Sample timing = Timer.start(registry);
    try {
      TaskScorer.SampleScore s = scorer.get().score(input);
      return new Result(s.primaryMetric(), s.primary(), s.metrics(), null);
    } catch (RuntimeException e) {
      return new Result(
          null,
          null,
          Map.of(),
          "scorer " + scorer.get().family() + " failed on sample " + input.sampleId() + ": " + e);
    } finally {
      timing.stop(
          registry.timer(
              "acbench.metrics.scoring.duration", "family", ScorerRegistry.family(input.taskId())));
    }
  }
}
