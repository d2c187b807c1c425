package io.acbench.taskrunner.messaging;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.AcbenchEvent;
import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.contracts.events.SampleCompleted;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.messaging.KafkaEventMessages;
import io.acbench.taskrunner.config.TaskRunnerConfig;
import io.acbench.taskrunner.run.EventSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Sends the runner's events to Kafka; each stage completes on the broker's acknowledgement. */
@ApplicationScoped
public class KafkaEventSink implements EventSink {

  private final Emitter<String> samples;
  private final Emitter<String> tasks;
  private final Emitter<String> probes;
  private final String source;

  public KafkaEventSink(
      @Channel(Topics.SAMPLE_COMPLETED)
          @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
          Emitter<String> samples,
      @Channel(Topics.TASK_COMPLETED) Emitter<String> tasks,
      @Channel(Topics.PROBE_COMPLETED) Emitter<String> probes,
      TaskRunnerConfig config) {
    this.samples = samples;
    this.tasks = tasks;
    this.probes = probes;
    this.source = config.eventSource();
  }

  @Override
  public CompletionStage<Void> send(AcbenchEvent event) {
    Emitter<String> emitter =
        switch (event) {
          case SampleCompleted s -> samples;
          case TaskCompleted t -> tasks;
          case ProbeCompleted p -> probes;
          default ->
              throw new IllegalArgumentException(
                  "the task runner does not send " + event.getClass().getSimpleName());
        };
    CompletableFuture<Void> acked = new CompletableFuture<>();
    Message<String> message =
        KafkaEventMessages.of(event, source)
            .withAck(
                () -> {
                  acked.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                failure -> {
                  acked.completeExceptionally(failure);
                  return CompletableFuture.completedFuture(null);
                });
    emitter.send(message);
    return acked;
  }
}
