package io.acbench.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user or an MLOps pipeline asked for an evaluation campaign: one base model, the compressed
 * variants to build from it, and the tasks to run on each.
 *
 * @param baseModelUri where the base Hugging Face checkpoint lives (a directory path or URI)
 * @param modelName a human name of the base model, e.g. {@code qwen2.5-0.5b}
 * @param variants the variants to evaluate; the base model is always evaluated as well
 * @param taskIds the tasks to run on every variant
 * @param thresholds verdict policy overrides (metric or capability name to threshold); may be empty
 * @param probeSetId the probe set every variant is probed on for the logits-level analysis (e.g.
 *     {@code builtin-v1}); {@code null} when the evaluation asks for no probing. Added after schema
 *     version 1 without a version bump: older producers omit it, which reads as {@code null}
 */
public record EvaluationRequested(
    int schemaVersion,
    String eventId,
    Instant occurredAt,
    String evaluationId,
    String baseModelUri,
    String modelName,
    List<VariantSpec> variants,
    List<String> taskIds,
    Map<String, Double> thresholds,
    String probeSetId)
    implements AcbenchEvent {

  public static final int SCHEMA_VERSION = 1;

  public EvaluationRequested {
    Events.requireEnvelope(schemaVersion, eventId, occurredAt, evaluationId);
    Objects.requireNonNull(baseModelUri, "baseModelUri");
    variants = List.copyOf(Objects.requireNonNull(variants, "variants"));
    taskIds = List.copyOf(Objects.requireNonNull(taskIds, "taskIds"));
    thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
  }

  /** A new event with a fresh id and the current time. */
  public static EvaluationRequested of(
      String evaluationId,
      String baseModelUri,
      String modelName,
      List<VariantSpec> variants,
      List<String> taskIds,
      Map<String, Double> thresholds) {
    return of(evaluationId, baseModelUri, modelName, variants, taskIds, thresholds, null);
  }

  /**
   * A new event with a fresh id and the current time that asks for probing on {@code probeSetId}.
   */
  public static EvaluationRequested of(
      String evaluationId,
      String baseModelUri,
      String modelName,
      List<VariantSpec> variants,
      List<String> taskIds,
      Map<String, Double> thresholds,
      String probeSetId) {
    return new EvaluationRequested(
        SCHEMA_VERSION,
        Events.newId(),
        Instant.now(),
        evaluationId,
        baseModelUri,
        modelName,
        variants,
        taskIds,
        thresholds,
        probeSetId);
  }

  @Override
  public String naturalKey() {
    return evaluationId;
  }

  /**
   * One compression recipe.
   *
   * @param variantId id unique within the evaluation, e.g. {@code gptq-w4g128}; {@code base} is
   *     reserved for the uncompressed model
   * @param method {@code gptq}, {@code awq}, {@code rtn}, {@code wanda}, {@code sparsegpt}, {@code
   *     magnitude}, or {@code none} for the base model
   * @param parameters method parameters as strings (bits, group size, sparsity ratio, ...)
   */
  public record VariantSpec(String variantId, String method, Map<String, String> parameters) {
    public VariantSpec {
      Objects.requireNonNull(variantId, "variantId");
      Objects.requireNonNull(method, "method");
      parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
  }
}
