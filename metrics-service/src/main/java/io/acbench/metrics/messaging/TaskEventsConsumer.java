package io.acbench.metrics.messaging;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.EvaluationRequested;
import io.acbench.contracts.events.ProbeCompleted;
import io.acbench.contracts.events.SampleCompleted;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.metrics.ingest.IngestService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Kafka edge of ingest. Each channel is handled on a worker thread, in order; an exception
 * (malformed JSON, a rule broken, a conflicting duplicate) nacks the record, which the connector
 * sends to {@code <topic>.dlq} with the message as {@code dead-letter-reason}.
 */
@ApplicationScoped
public class TaskEventsConsumer {

  private final IngestService ingest;

  public TaskEventsConsumer(IngestService ingest) {
    this.ingest = ingest;
  }

  @Incoming(Topics.SAMPLE_COMPLETED)
  @Blocking
  public void onSample(String payload) {
    ingest.sample(EventJson.read(payload, SampleCompleted.class));
  }

  @Incoming(Topics.PROBE_COMPLETED)
  @Blocking
  public void onProbe(String payload) {
    ingest.probe(EventJson.read(payload, ProbeCompleted.class));
  }

  @Incoming(Topics.TASK_COMPLETED)
  @Blocking
  public void onTaskCompleted(String payload) {
    ingest.taskCompleted(EventJson.read(payload, TaskCompleted.class));
  }

  @Incoming(Topics.COMPRESSION_FAILED)
  @Blocking
  public void onCompressionFailed(String payload) {
    ingest.compressionFailed(EventJson.read(payload, CompressionFailed.class));
  }

  @Incoming(Topics.EVALUATION_REQUESTED)
  @Blocking
  public void onEvaluationRequested(String payload) {
    ingest.evaluationRequested(EventJson.read(payload, EvaluationRequested.class));
  }
}
