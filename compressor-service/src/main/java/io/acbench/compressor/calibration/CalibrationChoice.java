package io.acbench.compressor.calibration;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The calibration source a variant parameter {@code calibration} (or the CLI's {@code
 * --calibration}) names:
 *
 * <ul>
 *   <li>absent, blank or {@code default}: the project's corpus ({@link DefaultCorpus});
 *   <li>{@code tasks}: the prompts of the evaluation's own task ids;
 *   <li>{@code tasks:<id>,<id>}: the prompts of the named tasks;
 *   <li>anything else: a file path, {@code .txt} or {@code .jsonl} ({@link CalibrationFiles}); a
 *       file literally named {@code tasks} or {@code default} is reached as {@code ./tasks}.
 * </ul>
 */
public final class CalibrationChoice {

  public static final String DEFAULT = "default";
  public static final String TASKS = "tasks";
  private static final String TASKS_PREFIX = "tasks:";

  private CalibrationChoice() {}

  /**
   * Resolves {@code value}.
   *
   * @param evaluationTaskIds the task ids {@code tasks} stands for (the evaluation's); empty where
   *     there are none (the CLI)
   * @param prompts the task prompts, asked for only by the {@code tasks} forms
   * @throws IllegalArgumentException naming what is wrong (no task ids, an empty id, a bad file, an
   *     unknown task)
   */
  public static CalibrationSource resolve(
      String value,
      List<String> evaluationTaskIds,
      Supplier<PromptCalibration.PromptSupplier> prompts) {
    String v = value == null ? "" : value.trim();
    if (v.isEmpty() || v.equals(DEFAULT)) {
      return DefaultCorpus.load();
    }
    if (v.equals(TASKS)) {
      if (evaluationTaskIds.isEmpty()) {
        throw new IllegalArgumentException(
            "calibration 'tasks' uses the evaluation's task ids, but there are none;"
                + " name them: tasks:<id>,<id>");
      }
      return PromptCalibration.of(prompts.get(), evaluationTaskIds);
    }
    if (v.startsWith(TASKS_PREFIX)) {
      return PromptCalibration.of(prompts.get(), taskIds(v));
    }
    return CalibrationFiles.read(Path.of(v));
  }

  /** The ids of {@code tasks:<id>,<id>}, trimmed. */
  static List<String> taskIds(String value) {
    List<String> ids =
        Arrays.stream(value.substring(TASKS_PREFIX.length()).split(",", -1))
            .map(String::trim)
            .toList();
    if (ids.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(
          "calibration '" + value + "': expected tasks:<id>,<id> with no empty task id");
    }
    return ids;
  }
}
