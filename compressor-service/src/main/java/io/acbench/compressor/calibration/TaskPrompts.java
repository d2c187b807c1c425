package io.acbench.compressor.calibration;

import io.acbench.runtime.tokenizer.ChatTemplate;
import io.acbench.tasksuite.dataset.DatasetCatalog;
import io.acbench.tasksuite.dataset.DatasetFormatException;
import io.acbench.tasksuite.prompt.ChatTemplateRendering;
import io.acbench.tasksuite.prompt.LagentMetaTemplate;
import io.acbench.tasksuite.prompt.PromptRendering;
import io.acbench.tasksuite.task.PreparedSample;
import io.acbench.tasksuite.task.TaskCatalog;
import io.acbench.tasksuite.task.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The task suite's prompts as calibration text: every sample of a task rendered by {@link
 * TaskCatalog#resolve}, the call the task runner makes, so the text is exactly what the runner
 * sends to the model. WorfBench in {@code parity} mode needs no chat template ({@code role:
 * content} lines); in {@code corrected} mode the base model's chat template from its {@code
 * tokenizer_config.json} renders it (the compressed variants carry the same tokenizer files, so the
 * runner renders the same text). T-Eval goes through the named lagent meta template.
 */
public final class TaskPrompts implements PromptCalibration.PromptSupplier {

  private final TaskCatalog catalog;
  private final TaskCatalog.Rendering rendering;
  private final String description;

  /**
   * @param datasetDir official dataset files, as the runner's {@code dataset-dir}; empty for the
   *     built-in datasets
   * @param worfbenchMode {@code parity} or {@code corrected}, as the runner's
   * @param tevalTemplate lagent meta template ({@code qwen}, {@code internlm}, {@code mistral},
   *     {@code llama2}), as the runner's
   * @param modelDir the base model, whose chat template corrected mode uses
   * @throws IllegalArgumentException for an unknown mode or template
   */
  public TaskPrompts(
      Optional<Path> datasetDir, String worfbenchMode, String tevalTemplate, Path modelDir) {
    boolean corrected =
        switch (worfbenchMode.trim().toLowerCase(Locale.ROOT)) {
          case "parity" -> false;
          case "corrected" -> true;
          default ->
              throw new IllegalArgumentException(
                  "task-prompt calibration: WorfBench mode must be 'parity' or 'corrected', was '"
                      + worfbenchMode
                      + "'");
        };
    LagentMetaTemplate teval;
    try {
      teval = LagentMetaTemplate.of(tevalTemplate);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "task-prompt calibration: unknown T-Eval meta template '"
              + tevalTemplate
              + "' (one of qwen, internlm, mistral, llama2)",
          e);
    }
    Supplier<PromptRendering> chat = () -> chatTemplate(modelDir);
    this.catalog = new TaskCatalog(new DatasetCatalog(datasetDir));
    this.rendering = new TaskCatalog.Rendering(corrected, chat, teval, 0);
    this.description =
        "WorfBench "
            + (corrected ? "corrected" : "parity")
            + ", T-Eval "
            + teval.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Every prompt of {@code taskId} in dataset order.
   *
   * @throws IllegalArgumentException naming the task: unknown task, unreadable dataset, no prompts
   */
  @Override
  public List<String> prompts(String taskId) {
    TaskSpec task;
    try {
      task = catalog.resolve(taskId, rendering);
    } catch (DatasetFormatException e) {
      throw new IllegalArgumentException(
          "calibration task '" + taskId + "': bad dataset: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("calibration task '" + taskId + "': " + e.getMessage(), e);
    }
    List<String> prompts =
        task.samples().stream().map(PreparedSample::prompt).filter(p -> !p.isBlank()).toList();
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException(
          "calibration task '" + taskId + "' has no prompts (dataset " + task.datasetName() + ")");
    }
    return prompts;
  }

  @Override
  public String rendering() {
    return description;
  }

  private static PromptRendering chatTemplate(Path modelDir) {
    Path file = modelDir.resolve("tokenizer_config.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "corrected WorfBench mode renders with the model's chat template, but "
              + file
              + " does not exist");
    }
    return new ChatTemplateRendering(ChatTemplate.fromTokenizerConfig(file));
  }
}
