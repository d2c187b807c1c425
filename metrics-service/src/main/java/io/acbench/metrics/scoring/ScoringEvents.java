package io.acbench.metrics.scoring;

import io.acbench.contracts.events.EvaluationCompleted;
import io.acbench.contracts.events.TaskScored;

/** Where the pipeline's outcomes go; the messaging edge sends them to Kafka. */
public interface ScoringEvents {

  void taskScored(TaskScored event);

  void evaluationCompleted(EvaluationCompleted event);
}
