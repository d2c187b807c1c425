package io.acbench.metrics.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluation as requested: its variants (the base model included), its tasks and its policy.
 *
 * @param policy threshold overrides from the request (key syntax in metrics-service/README.md)
 * @param probeSetId the probe set every variant is probed on, or {@code null} (no probing)
 */
public record EvaluationRecord(
    String evaluationId,
    String eventId,
    String modelName,
    String baseModelUri,
    Map<String, Double> policy,
    Instant requestedAt,
    List<Variant> variants,
    List<String> taskIds,
    String probeSetId) {

  /** Variant id reserved for the uncompressed model. */
  public static final String BASE = "base";

  public EvaluationRecord {
    policy = Map.copyOf(policy);
    variants = List.copyOf(variants);
    taskIds = List.copyOf(taskIds);
  }

  /** An evaluation that asked for no probing. */
  public EvaluationRecord(
      String evaluationId,
      String eventId,
      String modelName,
      String baseModelUri,
      Map<String, Double> policy,
      Instant requestedAt,
      List<Variant> variants,
      List<String> taskIds) {
    this(
        evaluationId,
        eventId,
        modelName,
        baseModelUri,
        policy,
        requestedAt,
        variants,
        taskIds,
        null);
  }

  /** One variant of the evaluation. */
  public record Variant(String variantId, String method, Map<String, String> parameters) {
    public Variant {
      parameters = Map.copyOf(parameters);
    }
  }

  public List<String> variantIds() {
    return variants.stream().map(Variant::variantId).toList();
  }

  Map<String, Object> content() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("modelName", modelName);
    c.put("baseModelUri", baseModelUri);
    c.put("policy", StoreJson.write(policy));
    c.put("variants", variants.stream().sorted(Comparator.comparing(Variant::variantId)).toList());
    c.put("taskIds", taskIds.stream().sorted().toList());
    c.put("probeSetId", probeSetId);
    return c;
  }
}
