package io.acbench.taskrunner.messaging;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.contracts.messaging.KafkaEventMessages;
import io.acbench.taskrunner.config.TaskRunnerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes ready variants. Running tasks is not implemented yet (issue #6), so each requested task
 * is answered with an explicit FAILED {@link TaskCompleted} that says so.
 */
@ApplicationScoped
public class ModelReadyConsumer {

  static final String NOT_IMPLEMENTED =
      "task execution is not implemented yet (issue #6): no sample was run";

  private final Emitter<String> completed;
  private final TaskRunnerConfig config;
  private final MeterRegistry registry;

  public ModelReadyConsumer(
      @Channel(Topics.TASK_COMPLETED) Emitter<String> completed,
      TaskRunnerConfig config,
      MeterRegistry registry) {
    this.completed = completed;
    this.config = config;
    this.registry = registry;
  }

  @Incoming(Topics.MODEL_READY)
  @Blocking
  public void onModelReady(String payload) {
    ModelReady ready = EventJson.read(payload, ModelReady.class);
    registry.counter("acbench.taskrunner.models.ready.received").increment();
    for (String taskId : ready.taskIds()) {
      TaskCompleted failed =
          TaskCompleted.of(
              ready.evaluationId(), ready.variantId(), taskId, "FAILED", 0, NOT_IMPLEMENTED);
      completed.send(KafkaEventMessages.of(failed, config.eventSource()));
    }
  }
}
