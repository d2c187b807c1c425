package io.acbench.gateway.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the gateway knows of one evaluation, assembled from the events it has seen.
 *
 * @param evaluationId the evaluation
 * @param state {@code REQUESTED}, {@code RUNNING}, {@code COMPLETED} or {@code FAILED}
 * @param requestedAt when it was requested
 * @param variants per variant: its latest state and detail
 * @param tasksCompleted task runs reported complete (over all variants)
 * @param tasksScored task runs scored (over all variants)
 * @param verdicts per variant pass/fail once the evaluation is complete
 */
public record EvaluationStatus(
    String evaluationId,
    String state,
    Instant requestedAt,
    Map<String, VariantStatus> variants,
    int tasksCompleted,
    int tasksScored,
    List<String> verdicts) {

  /**
   * @param state {@code PENDING}, {@code COMPRESSING}, {@code READY} or {@code FAILED}
   * @param detail progress or failure reason
   */
  public record VariantStatus(String state, String detail) {}
}
