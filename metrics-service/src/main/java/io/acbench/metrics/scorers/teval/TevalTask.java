package io.acbench.metrics.scorers.teval;

/**
 * A T-Eval task id {@code teval/<dimension>_<format>} (see metrics-service/README.md (scorers) for
 * the list).
 *
 * @param dimension the evaluator that scores it
 * @param format the response format the id names ({@code MIXED} for {@code teval/instruct})
 * @param primary the per-sample metric reported as the task's score
 */
public record TevalTask(Dimension dimension, Format format, String primary) {

  /** The evaluator families of T-Eval. */
  public enum Dimension {
    INSTRUCT,
    PLAN,
    REASON,
    RETRIEVE,
    UNDERSTAND,
    RRU,
    REVIEW
  }

  /** Response formats. */
  public enum Format {
    JSON,
    STR,
    MIXED
  }

  /**
   * The task of an id.
   *
   * @throws IllegalArgumentException naming taskId when it is not a T-Eval task
   */
  public static TevalTask of(String taskId) {
    String name = taskId == null ? "" : taskId.substring(taskId.indexOf('/') + 1);
    return switch (name) {
      case "instruct" -> new TevalTask(Dimension.INSTRUCT, Format.MIXED, "instruct");
      case "instruct_json" -> new TevalTask(Dimension.INSTRUCT, Format.JSON, "instruct");
      case "instruct_str", "instruct_string" ->
          new TevalTask(Dimension.INSTRUCT, Format.STR, "instruct");
      case "plan_json" -> new TevalTask(Dimension.PLAN, Format.JSON, "f1_score");
      case "plan_str" -> new TevalTask(Dimension.PLAN, Format.STR, "f1_score");
      case "reason_str" -> new TevalTask(Dimension.REASON, Format.STR, "thought");
      case "retrieve_str" -> new TevalTask(Dimension.RETRIEVE, Format.STR, "name");
      case "understand_str" -> new TevalTask(Dimension.UNDERSTAND, Format.STR, "args");
      case "rru_json" -> new TevalTask(Dimension.RRU, Format.JSON, "thought");
      case "reason_json" -> new TevalTask(Dimension.RRU, Format.JSON, "thought");
      case "retrieve_json" -> new TevalTask(Dimension.RRU, Format.JSON, "name");
      case "understand_json" -> new TevalTask(Dimension.RRU, Format.JSON, "args");
      case "review_str" -> new TevalTask(Dimension.REVIEW, Format.STR, "review_quality");
      case "review_json" -> new TevalTask(Dimension.REVIEW, Format.JSON, "review_quality");
      default ->
          throw new IllegalArgumentException(
              "taskId: '" + taskId + "' is not a T-Eval task (teval/<dimension>_<format>)");
    };
  }
}
