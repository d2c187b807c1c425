package io.acbench.metrics.messaging;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.EvaluationCompleted;
import io.acbench.contracts.events.TaskScored;
import io.acbench.contracts.messaging.KafkaEventMessages;
import io.acbench.metrics.config.MetricsConfig;
import io.acbench.metrics.scoring.ScoringEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Sends the pipeline's outcomes to {@code acbench.task.scored} and {@code .evaluation.completed}.
 */
@ApplicationScoped
public class KafkaScoringEvents implements ScoringEvents {

  private final Emitter<String> scored;
  private final Emitter<String> completed;
  private final MetricsConfig config;

  public KafkaScoringEvents(
      @Channel(Topics.TASK_SCORED) Emitter<String> scored,
      @Channel(Topics.EVALUATION_COMPLETED) Emitter<String> completed,
      MetricsConfig config) {
    this.scored = scored;
    this.completed = completed;
    this.config = config;
  }

  @Override
  public void taskScored(TaskScored event) {
    scored.send(KafkaEventMessages.of(event, config.eventSource()));
  }

  @Override
  public void evaluationCompleted(EvaluationCompleted event) {
    completed.send(KafkaEventMessages.of(event, config.eventSource()));
  }
}
