package io.acbench.gateway.messaging;

import io.acbench.contracts.Topics;
import io.acbench.contracts.events.CompressionFailed;
import io.acbench.contracts.events.CompressionProgress;
import io.acbench.contracts.events.EvaluationCompleted;
import io.acbench.contracts.events.ModelReady;
import io.acbench.contracts.events.TaskCompleted;
import io.acbench.contracts.events.TaskScored;
import io.acbench.contracts.messaging.EventJson;
import io.acbench.gateway.evaluation.EvaluationStatusStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Follows the pipeline's events to keep each evaluation's status current. */
@ApplicationScoped
public class EvaluationEventsConsumer {

  private final EvaluationStatusStore store;

  public EvaluationEventsConsumer(EvaluationStatusStore store) {
    this.store = store;
  }

  @Incoming(Topics.COMPRESSION_PROGRESS)
  public void onProgress(String payload) {
    CompressionProgress e = EventJson.read(payload, CompressionProgress.class);
    store.updateVariant(
        e.evaluationId(),
        e.variantId(),
        "COMPRESSING",
        "layer " + e.layer() + " of " + e.layerCount() + ", eta " + e.etaSeconds() + " s");
  }

  @Incoming(Topics.MODEL_READY)
  public void onModelReady(String payload) {
    ModelReady e = EventJson.read(payload, ModelReady.class);
    store.updateVariant(e.evaluationId(), e.variantId(), "READY", e.modelName());
  }

  @Incoming(Topics.COMPRESSION_FAILED)
  public void onCompressionFailed(String payload) {
    CompressionFailed e = EventJson.read(payload, CompressionFailed.class);
    store.updateVariant(e.evaluationId(), e.variantId(), "FAILED", e.reason());
  }

  @Incoming(Topics.TASK_COMPLETED)
  public void onTaskCompleted(String payload) {
    store.countTaskCompleted(EventJson.read(payload, TaskCompleted.class).evaluationId());
  }

  @Incoming(Topics.TASK_SCORED)
  public void onTaskScored(String payload) {
    store.countTaskScored(EventJson.read(payload, TaskScored.class).evaluationId());
  }

  @Incoming(Topics.EVALUATION_COMPLETED)
  public void onEvaluationCompleted(String payload) {
    EvaluationCompleted e = EventJson.read(payload, EvaluationCompleted.class);
    store.complete(
        e.evaluationId(),
        e.status().equals("ERROR") ? "FAILED" : "COMPLETED",
        e.verdicts().stream()
            .map(v -> v.variantId() + (v.passed() ? ": pass" : ": fail"))
            .toList());
  }
}
