package io.acbench.compressor.messaging;

import io.acbench.compressor.config.CompressorConfig;
import io.acbench.contracts.Topics;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.contracts.messaging.KafkaEventMessages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes evaluation requests. Building variants is not implemented yet (issue #4), so every
 * variant, the base model included, is answered with an explicit {@link CompressionFailed}. A
 * payload that cannot be read throws, which sends it to the dead-letter topic.
 */
@ApplicationScoped
public class EvaluationRequestedConsumer {

  static final String NOT_IMPLEMENTED =
      "compression is not implemented yet (issue #4): no artifact was built for this variant";

  private static final Logger LOG = Logger.getLogger(EvaluationRequestedConsumer.class);

  private final Emitter<String> failed;
  private final CompressorConfig config;
  private final Counter received;

  public EvaluationRequestedConsumer(
      @Channel(Topics.COMPRESSION_FAILED) Emitter<String> failed,
      CompressorConfig config,
      MeterRegistry registry) {
    this.failed = failed;
    this.config = config;
    this.received =
        Counter.builder("acbench.compressor.evaluations.received")
            .description("Evaluation requests consumed")
            .register(registry);
  }

  @Incoming(Topics.EVALUATION_REQUESTED)
  @Blocking
  public void onEvaluationRequested(String payload) {
    EvaluationRequested request = EventJson.read(payload, EvaluationRequested.class);
    received.increment();
    LOG.infof(
        "evaluation %s requested: model %s, %d variants",
        request.evaluationId(), request.baseModelUri(), request.variants().size());
    for (String variantId : variantIds(request)) {
      CompressionFailed event =
          CompressionFailed.of(request.evaluationId(), variantId, NOT_IMPLEMENTED, false);
      failed.send(KafkaEventMessages.of(event, config.eventSource()));
    }
  }

  /** The base model first, then every requested variant. */
  private static List<String> variantIds(EvaluationRequested request) {
    List<String> ids = new ArrayList<>();
    ids.add("base");
    request.variants().forEach(v -> ids.add(v.variantId()));
    return ids;
  }
}
