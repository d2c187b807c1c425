package io.acbench.compressor.calibration;

import java.util.List;

/**
 * Calibration text from the task suite's own prompts: the task runner's datasets implement {@link
 * PromptSupplier} and the compressor joins their prompts like any other documents.
 */
public final class PromptCalibration {

  /** Prompts of one task, as the task runner renders them. */
  @FunctionalInterface
  public interface PromptSupplier {
    List<String> prompts(String taskId);
  }

  private PromptCalibration() {}

  /** The prompts of {@code taskIds} in order, blank ones dropped. */
  public static CalibrationSource of(PromptSupplier supplier, List<String> taskIds) {
    List<String> docs =
        taskIds.stream()
            .flatMap(t -> supplier.prompts(t).stream())
            .filter(p -> !p.isBlank())
            .toList();
    if (docs.isEmpty()) {
      throw new IllegalArgumentException("tasks " + taskIds + " supplied no prompt text");
    }
    return new CalibrationFiles.Fixed(docs, "prompts of " + String.join(",", taskIds));
  }
}
