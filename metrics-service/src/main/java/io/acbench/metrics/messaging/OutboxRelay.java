package io.acbench.metrics.messaging;

import io.acbench.contracts.Topics;
import io.acbench.contracts.messaging.KafkaEventMessages;
import io.acbench.metrics.config.MetricsConfig;
import io.acbench.metrics.scoring.EventRelay;
import io.acbench.metrics.store.OutboxMessage;
import io.acbench.metrics.store.ResultsRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The outbox relay: sends unsent outbox rows to {@code acbench.task.scored} and {@code
 * acbench.evaluation.completed} in outbox order, waits for the broker's acknowledgement and stamps
 * {@code sent_at}. Runs after each pipeline write, once at startup (rows a crash left unsent) and
 * every {@code acbench.metrics.outbox.poll-interval} (rows a broker outage left unsent). Delivery
 * is at least once: a crash between the acknowledgement and the stamp resends the event with its
 * original event id, by which consumers deduplicate.
 */
@ApplicationScoped
public class OutboxRelay implements EventRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final int BATCH = 100;

  private final Emitter<String> scored;
  private final Emitter<String> completed;
  private final ResultsRepository results;
  private final MetricsConfig config;
  private final MeterRegistry registry;
  private ScheduledExecutorService timer;

  public OutboxRelay(
      @Channel(Topics.TASK_SCORED) Emitter<String> scored,
      @Channel(Topics.EVALUATION_COMPLETED) Emitter<String> completed,
      ResultsRepository results,
      MetricsConfig config,
      MeterRegistry registry) {
    this.scored = scored;
    this.completed = completed;
    this.results = results;
    this.config = config;
    this.registry = registry;
  }

  void onStart(@Observes StartupEvent start) {
    timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
    long period = Math.max(1, config.outbox().pollInterval().toMillis());
    timer.scheduleWithFixedDelay(this::publishPending, 0, period, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent stop) {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /**
   * {@inheritDoc} Never throws: when the broker or the store fails, the rest stays unsent for the
   * next run (the failure is logged and counted), so the ingest that called it is not affected.
   */
  @Override
  public synchronized void publishPending() {
    try {
      List<OutboxMessage> batch;
      do {
        batch = results.unsent(BATCH);
        for (OutboxMessage m : batch) {
          send(m);
          results.markSent(m.eventId(), Instant.now());
          registry.counter("acbench.metrics.outbox.published", "topic", m.topic()).increment();
        }
      } while (batch.size() == BATCH);
    } catch (RuntimeException e) {
      registry.counter("acbench.metrics.outbox.failures").increment();
      LOG.warnf("outbox relay: %s; unsent events stay in the outbox", e.getMessage());
    }
  }

  private void send(OutboxMessage m) {
    Emitter<String> emitter =
        switch (m.topic()) {
          case Topics.TASK_SCORED -> scored;
          case Topics.EVALUATION_COMPLETED -> completed;
          default ->
              throw new IllegalStateException(
                  "outbox row " + m.eventId() + " names topic " + m.topic() + ", not emitted here");
        };
    CompletableFuture<Void> acked = new CompletableFuture<>();
    Message<String> message =
        KafkaEventMessages.of(m.event(), config.eventSource())
            .withAck(
                () -> {
                  acked.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                e -> {
                  acked.completeExceptionally(e);
                  return CompletableFuture.completedFuture(null);
                });
    emitter.send(message);
    try {
      acked.get(config.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("outbox relay interrupted sending " + m.eventId(), e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "outbox relay could not send " + m.eventId() + " to " + m.topic() + ": " + e, e);
    }
  }
}
