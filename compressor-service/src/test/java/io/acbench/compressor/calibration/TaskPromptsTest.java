package io.acbench.compressor.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acbench.runtime.fixtures.FixtureModels;
import io.acbench.runtime.tokenizer.ChatMessage;
import io.acbench.runtime.tokenizer.ChatTemplate;
import io.acbench.tasksuite.dataset.DatasetCatalog;
import io.acbench.tasksuite.dataset.TevalRecord;
import io.acbench.tasksuite.dataset.WorfbenchRecord;
import io.acbench.tasksuite.prompt.Turn;
import io.acbench.tasksuite.prompt.WorfbenchPrompts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task prompts handed to calibration are the runner's prompts: composed here independently of
 * {@code TaskCatalog} from the dataset records and the documented formats (WorfBench parity {@code
 * role: content} lines, the model's chat template in corrected mode, lagent's qwen template for
 * T-Eval), they must equal what {@link TaskPrompts} returns.
 */
class TaskPromptsTest {

  @TempDir Path tmp;

  private final DatasetCatalog datasets = new DatasetCatalog(Optional.empty());

  @Test
  void worfbenchParityPromptsAreRoleContentLinesOfTheTwoShotMessages() {
    TaskPrompts prompts = new TaskPrompts(Optional.empty(), "parity", "qwen", tmp);
    List<WorfbenchRecord> records = datasets.worfbench("os").records();
    List<String> expected =
        records.stream()
            .map(
                r ->
                    WorfbenchPrompts.messages("os", r).stream()
                        .map(t -> t.role() + ": " + t.content())
                        .collect(Collectors.joining("\n")))
            .toList();
    List<String> got = prompts.prompts("worfbench/os");
    assertThat(got).hasSize(records.size()).isEqualTo(expected);
    assertThat(got.getFirst())
        .startsWith("system: " + records.getFirst().system())
        .endsWith("user: Now it's your turn.\n" + records.getFirst().user());
  }

  @Test
  void tevalPromptsGoThroughTheQwenMetaTemplate() {
    TaskPrompts prompts = new TaskPrompts(Optional.empty(), "parity", "qwen", tmp);
    List<TevalRecord> records = datasets.teval("plan_str").records();
    List<String> expected = records.stream().map(r -> qwen(r.originPrompt())).toList();
    assertThat(prompts.prompts("teval/plan_str")).hasSize(records.size()).isEqualTo(expected);
    assertThat(prompts.rendering()).isEqualTo("WorfBench parity, T-Eval qwen");
  }

  @Test
  void correctedModeRendersWithTheBaseModelsChatTemplate() throws Exception {
    Path model = tmp.resolve("m");
    FixtureModels.write("qwen2", "tiny", 3, model);
    ChatTemplate template =
        ChatTemplate.fromTokenizerConfig(model.resolve("tokenizer_config.json"));
    WorfbenchRecord first = datasets.worfbench("webshop").records().getFirst();
    List<ChatMessage> messages =
        WorfbenchPrompts.messages("webshop", first).stream()
            .map(t -> new ChatMessage(t.role(), t.content()))
            .toList();
    String expected = template.render(messages, true, Map.of());

    TaskPrompts prompts = new TaskPrompts(Optional.empty(), "corrected", "qwen", model);
    assertThat(prompts.prompts("worfbench/webshop").getFirst()).isEqualTo(expected);
    assertThat(expected).contains("<|im_start|>");

    TaskPrompts noTemplate = new TaskPrompts(Optional.empty(), "corrected", "qwen", tmp);
    assertThatThrownBy(() -> noTemplate.prompts("worfbench/os"))
        .hasMessageContaining("worfbench/os")
        .hasMessageContaining("tokenizer_config.json");
  }

  @Test
  void theDatasetDirectoryReplacesTheBuiltInFile() throws Exception {
    Path dir = tmp.resolve("datasets");
    Files.createDirectories(dir.resolve("teval"));
    Files.writeString(
        dir.resolve("teval/review_str_v2.json"),
        "{\"q_0\":{\"origin_prompt\":[{\"role\":\"user\",\"content\":\"Rate the plan.\"}],"
            + "\"ground_truth\":{\"answer\":\"A\"},\"meta_data\":{\"response_format\":\"str\"}}}");
    TaskPrompts prompts = new TaskPrompts(Optional.of(dir), "parity", "internlm", tmp);
    assertThat(prompts.prompts("teval/review_str"))
        .containsExactly("<|User|>:Rate the plan.\n<|Bot|>:");
  }

  @Test
  void errorsNameTheTask() throws Exception {
    TaskPrompts prompts = new TaskPrompts(Optional.empty(), "parity", "qwen", tmp);
    assertThatThrownBy(() -> prompts.prompts("teval/nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("calibration task 'teval/nope': unknown T-Eval task");
    assertThatThrownBy(() -> prompts.prompts("longbench/qa"))
        .hasMessageStartingWith("calibration task 'longbench/qa': unknown task");
    assertThatThrownBy(() -> prompts.prompts("worfbench/mars"))
        .hasMessageContaining("calibration task 'worfbench/mars'");

    Path dir = tmp.resolve("empty");
    Files.createDirectories(dir.resolve("teval"));
    Files.writeString(dir.resolve("teval/plan_str_v2.json"), "{}");
    Files.writeString(dir.resolve("teval/review_str_v2.json"), "[1]");
    TaskPrompts empty = new TaskPrompts(Optional.of(dir), "parity", "qwen", tmp);
    assertThatThrownBy(() -> empty.prompts("teval/plan_str"))
        .hasMessage(
            "calibration task 'teval/plan_str' has no prompts (dataset teval/plan_str_v2.json)");
    assertThatThrownBy(() -> empty.prompts("teval/review_str"))
        .hasMessageStartingWith("calibration task 'teval/review_str': bad dataset: ")
        .hasMessageContaining("top level must be a JSON object");

    assertThatThrownBy(() -> new TaskPrompts(Optional.empty(), "fancy", "qwen", tmp))
        .hasMessageContaining("'parity' or 'corrected', was 'fancy'");
    assertThatThrownBy(() -> new TaskPrompts(Optional.empty(), "parity", "gpt", tmp))
        .hasMessageContaining("unknown T-Eval meta template 'gpt'");
  }

  /** lagent's qwen meta template: ChatML blocks without a newline after im_end, assistant cue. */
  private static String qwen(List<Turn> turns) {
    StringBuilder sb = new StringBuilder();
    for (Turn t : turns) {
      if (t.role().equals("assistant")) {
        sb.append("<|im_start|>assistant\n").append(t.content()).append("<|im_end|>");
      } else {
        sb.append("<|im_start|>").append(t.role()).append('\n').append(t.content());
        sb.append("<|im_end|>");
      }
    }
    if (turns.getLast().role().equals("assistant")) {
      return sb.toString();
    }
    return sb.append("<|im_start|>assistant\n").toString();
  }
}
