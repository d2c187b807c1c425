package io.acbench.metrics.messaging;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.contracts.events.SampleCompleted;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.events.TaskScored;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.contracts.messaging.KafkaEventMessages;
import io.acbench.metrics.config.MetricsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the task runner's results. The results store and the scorers are not implemented yet
 * (issue #5): samples and probes are validated and counted, and every finished task is answered
 * with an explicit FAILED {@link TaskScored} that says why.
 */
@ApplicationScoped
public class TaskEventsConsumer {

  static final String NOT_IMPLEMENTED = "scoring is not implemented yet (issue #5)";

  private final Emitter<String> scored;
  private final MetricsConfig config;
  private final MeterRegistry registry;

  public TaskEventsConsumer(
      @Channel(Topics.TASK_SCORED) Emitter<String> scored,
      MetricsConfig config,
      MeterRegistry registry) {
    this.scored = scored;
    this.config = config;
    this.registry = registry;
  }

  @Incoming(Topics.SAMPLE_COMPLETED)
  public void onSample(String payload) {
    EventJson.read(payload, SampleCompleted.class);
    registry.counter("acbench.metrics.samples.received").increment();
  }

  @Incoming(Topics.PROBE_COMPLETED)
  public void onProbe(String payload) {
    EventJson.read(payload, ProbeCompleted.class);
    registry.counter("acbench.metrics.probes.received").increment();
  }

  @Incoming(Topics.TASK_COMPLETED)
  public void onTaskCompleted(String payload) {
    TaskCompleted task = EventJson.read(payload, TaskCompleted.class);
    registry.counter("acbench.metrics.tasks.received").increment();
    String reason =
        task.status().equals("FAILED")
            ? "task failed in the runner: " + task.failureReason()
            : NOT_IMPLEMENTED;
    TaskScored failed =
        TaskScored.of(
            task.evaluationId(),
            task.variantId(),
            task.taskId(),
            "FAILED",
            null,
            null,
            null,
            0,
            reason);
    scored.send(KafkaEventMessages.of(failed, config.eventSource()));
  }
}
