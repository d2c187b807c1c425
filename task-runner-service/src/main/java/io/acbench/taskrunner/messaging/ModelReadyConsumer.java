package io.acbench.taskrunner.messaging;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.taskrunner.run.EvaluationRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes ready variants and runs their tasks. The record's offset is committed only after every
 * task was reported, so a runner killed mid-task gets the event again on restart and continues from
 * its journal. A malformed event goes to {@code acbench.model.ready.dlq}.
 */
@ApplicationScoped
public class ModelReadyConsumer {

  private final EvaluationRunner runner;
  private final MeterRegistry registry;

  public ModelReadyConsumer(EvaluationRunner runner, MeterRegistry registry) {
    this.runner = runner;
    this.registry = registry;
  }

  @Incoming(Topics.MODEL_READY)
  @Blocking
  public void onModelReady(String payload) throws InterruptedException {
    ModelReady ready = EventJson.read(payload, ModelReady.class);
    registry.counter("acbench.taskrunner.models.ready.received").increment();
    runner.run(ready);
  }
}
