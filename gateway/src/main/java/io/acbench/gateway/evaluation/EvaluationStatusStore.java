package io.acbench.gateway.evaluation;

import io.acbench.gateway.evaluation.EvaluationStatus.VariantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Evaluation status, kept in memory and rebuilt from the event stream. Persistence (H2 or
 * PostgreSQL) belongs to the gateway's own issue; until then a restart forgets evaluations.
 */
@ApplicationScoped
public class EvaluationStatusStore {

  private final Map<String, EvaluationStatus> byId = new ConcurrentHashMap<>();

  /** Records a new evaluation with its variants pending. */
  public EvaluationStatus create(String evaluationId, List<String> variantIds) {
    Map<String, VariantStatus> variants = new LinkedHashMap<>();
    variantIds.forEach(id -> variants.put(id, new VariantStatus("PENDING", "")));
    EvaluationStatus status =
        new EvaluationStatus(
            evaluationId, "REQUESTED", Instant.now(), Map.copyOf(variants), 0, 0, List.of());
    byId.put(evaluationId, status);
    return status;
  }

  public Optional<EvaluationStatus> find(String evaluationId) {
    return Optional.ofNullable(byId.get(evaluationId));
  }

  /** Sets one variant's state; an evaluation whose variants all failed is FAILED. */
  public void updateVariant(String evaluationId, String variantId, String state, String detail) {
    update(
        evaluationId,
        s -> {
          Map<String, VariantStatus> variants = new LinkedHashMap<>(s.variants());
          variants.put(variantId, new VariantStatus(state, detail));
          boolean allFailed = variants.values().stream().allMatch(v -> v.state().equals("FAILED"));
          String evaluationState = allFailed ? "FAILED" : "RUNNING";
          return new EvaluationStatus(
              s.evaluationId(),
              evaluationState,
              s.requestedAt(),
              Map.copyOf(variants),
              s.tasksCompleted(),
              s.tasksScored(),
              s.verdicts());
        });
  }

  public void countTaskCompleted(String evaluationId) {
    update(
        evaluationId,
        s ->
            new EvaluationStatus(
                s.evaluationId(),
                s.state(),
                s.requestedAt(),
                s.variants(),
                s.tasksCompleted() + 1,
                s.tasksScored(),
                s.verdicts()));
  }

  public void countTaskScored(String evaluationId) {
    update(
        evaluationId,
        s ->
            new EvaluationStatus(
                s.evaluationId(),
                s.state(),
                s.requestedAt(),
                s.variants(),
                s.tasksCompleted(),
                s.tasksScored() + 1,
                s.verdicts()));
  }

  public void complete(String evaluationId, String state, List<String> verdicts) {
    update(
        evaluationId,
        s ->
            new EvaluationStatus(
                s.evaluationId(),
                state,
                s.requestedAt(),
                s.variants(),
                s.tasksCompleted(),
                s.tasksScored(),
                new ArrayList<>(verdicts)));
  }

  private void update(String evaluationId, UnaryOperator<EvaluationStatus> change) {
    byId.computeIfPresent(evaluationId, (id, s) -> change.apply(s));
  }
}
