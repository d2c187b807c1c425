package io.acbench.compressor.messaging;

import io.acbench.compressor.service.CompressionService;
import io.acbench.contracts.Topics;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.messaging.EventJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes evaluation requests and hands them to the {@link CompressionService}'s worker. A payload
 * that cannot be read throws, which sends it to the dead-letter topic.
 */
@ApplicationScoped
public class EvaluationRequestedConsumer {

  private static final Logger LOG = Logger.getLogger(EvaluationRequestedConsumer.class);

  private final CompressionService service;
  private final Counter received;

  public EvaluationRequestedConsumer(CompressionService service, MeterRegistry registry) {
    this.service = service;
    this.received =
        Counter.builder("acbench.compressor.evaluations.received")
            .description("Evaluation requests consumed")
            .register(registry);
  }

  @Incoming(Topics.EVALUATION_REQUESTED)
  public void onEvaluationRequested(String payload) {
    EvaluationRequested request = EventJson.read(payload, EvaluationRequested.class);
    received.increment();
    LOG.infof(
        "evaluation %s requested: model %s, %d variants",
        request.evaluationId(), request.baseModelUri(), request.variants().size());
    service.submit(request);
  }
}
