package io.acbench.compressor.calibration;

import java.util.List;

/**
 * Calibration text from the task suite's own prompts ({@link TaskPrompts}): the compressor joins
 * the prompts of the named tasks like any other documents.
 */
public final class PromptCalibration {

  /** Prompts of one task, as the task runner renders them. */
  @FunctionalInterface
  public interface PromptSupplier {

    /**
     * @throws IllegalArgumentException naming the task when it is unknown or has no prompts
     */
    List<String> prompts(String taskId);

    /** How the prompts are rendered, for the calibration record; empty when nothing to say. */
    default String rendering() {
      return "";
    }
  }

  private PromptCalibration() {}

  /** The prompts of {@code taskIds} in order, blank ones dropped. */
  public static CalibrationSource of(PromptSupplier supplier, List<String> taskIds) {
    if (taskIds.isEmpty()) {
      throw new IllegalArgumentException("task-prompt calibration needs at least one task id");
    }
    List<String> docs =
        taskIds.stream()
            .flatMap(t -> supplier.prompts(t).stream())
            .filter(p -> !p.isBlank())
            .toList();
    if (docs.isEmpty()) {
      throw new IllegalArgumentException("tasks " + taskIds + " supplied no prompt text");
    }
    String how = supplier.rendering().isEmpty() ? "" : ", " + supplier.rendering();
    return new CalibrationFiles.Fixed(
        docs,
        "prompts of tasks "
            + String.join(",", taskIds)
            + " ("
            + docs.size()
            + " prompts"
            + how
            + ")");
  }
}
