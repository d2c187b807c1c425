package io.acbench.compressor.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationChoiceTest {

  @TempDir Path tmp;

  private final List<String> asked = new ArrayList<>();

  private final Supplier<PromptCalibration.PromptSupplier> prompts =
      () ->
          taskId -> {
            asked.add(taskId);
            return List.of("prompt of " + taskId);
          };

  private static final Supplier<PromptCalibration.PromptSupplier> NEVER =
      () -> {
        throw new AssertionError("task prompts asked for");
      };

  @Test
  void absentBlankAndDefaultMeanTheProjectCorpus() {
    List<String> corpus = DefaultCorpus.load().documents();
    for (String v : new String[] {null, "", "  ", "default"}) {
      CalibrationSource s = CalibrationChoice.resolve(v, List.of("teval/plan_str"), NEVER);
      assertThat(s.documents()).isEqualTo(corpus);
      assertThat(s.description()).isEqualTo("default corpus");
    }
  }

  @Test
  void tasksMeansTheEvaluationsTaskIdsInOrder() {
    CalibrationSource s =
        CalibrationChoice.resolve("tasks", List.of("worfbench/os", "teval/plan_str"), prompts);
    assertThat(asked).containsExactly("worfbench/os", "teval/plan_str");
    assertThat(s.documents()).containsExactly("prompt of worfbench/os", "prompt of teval/plan_str");
    assertThat(s.description()).startsWith("prompts of tasks worfbench/os,teval/plan_str");
    assertThatThrownBy(() -> CalibrationChoice.resolve("tasks", List.of(), prompts))
        .hasMessageContaining("there are none")
        .hasMessageContaining("tasks:<id>,<id>");
  }

  @Test
  void namedTasksOverrideTheEvaluationsAndAreTrimmed() {
    CalibrationSource s =
        CalibrationChoice.resolve(" tasks:teval/plan_str, worfbench/os ", List.of("x"), prompts);
    assertThat(asked).containsExactly("teval/plan_str", "worfbench/os");
    assertThat(s.documents()).hasSize(2);
    assertThatThrownBy(() -> CalibrationChoice.resolve("tasks:a,,b", List.of(), prompts))
        .hasMessageContaining("'tasks:a,,b'")
        .hasMessageContaining("no empty task id");
    assertThatThrownBy(() -> CalibrationChoice.resolve("tasks:", List.of(), prompts))
        .hasMessageContaining("no empty task id");
  }

  @Test
  void anythingElseIsAFile() throws Exception {
    Path file = tmp.resolve("c.jsonl");
    Files.writeString(file, "{\"text\": \"alpha\"}\n{\"text\": \"beta\"}\n");
    CalibrationSource s = CalibrationChoice.resolve(file.toString(), List.of("t"), NEVER);
    assertThat(s.documents()).containsExactly("alpha", "beta");
    assertThat(s.description()).isEqualTo("file c.jsonl");
    Path namedTasks = tmp.resolve("tasks");
    Files.writeString(namedTasks, "x");
    assertThatThrownBy(() -> CalibrationChoice.resolve(namedTasks.toString(), List.of(), NEVER))
        .hasMessageContaining(".txt or .jsonl");
    assertThatThrownBy(
            () -> CalibrationChoice.resolve(tmp.resolve("nope.txt").toString(), List.of(), NEVER))
        .hasMessageContaining("nope.txt does not exist");
  }
}
