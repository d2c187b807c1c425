package io.acbench.tasksuite.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acbench.runtime.tokenizer.ChatTemplate;
import io.acbench.runtime.tokenizer.TokenizerFixtures;
import io.acbench.tasksuite.dataset.WorfbenchRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptRenderingTest {

  private static final WorfbenchRecord RECORD =
      new WorfbenchRecord(
          "os_9",
          "os",
          "Plan it.",
          "My problem is: count the .txt files in /tmp. The action list you can take: bash, answer.",
          "Node:\n1: a\nEdge: (START,1) (1,END)");

  /**
   * benchmark-spec §1.4 and §3.1: role: content lines, two shots, "Now it's your turn.", no cue.
   */
  @Test
  void parityRenderingIsRoleContentLinesWithTheTwoShotsAndNoAssistantCue() {
    String expected =
        """
        system: Plan it.
        user: Here are two examples. You need to strictly follow the format provided in the examples.
        My problem is: how many directories are in /srv? The action list you can take: bash, answer.
        assistant: Node:
        1: execute bash code to list the entries of /srv that are directories
        2: execute bash code to count the listed directories
        3: take answer action with the count
        Edge: (START,1) (1,2) (2,3) (3,END)
        user: My problem is: print the size of the largest file in /opt. The action list you can take: bash, answer.
        assistant: Node:
        1: execute bash code to list the files in /opt with their sizes
        2: execute bash code to sort the sizes and keep the largest
        3: take answer action with the size
        Edge: (START,1) (1,2) (2,3) (3,END)
        user: Now it's your turn.
        My problem is: count the .txt files in /tmp. The action list you can take: bash, answer.""";
    assertThat(new ParityRendering().render(WorfbenchPrompts.messages("os", RECORD)))
        .isEqualTo(expected);
  }

  @Test
  void correctedRenderingUsesTheModelsChatTemplateWithTheGenerationPrompt() {
    ChatTemplate qwen =
        ChatTemplate.of(TokenizerFixtures.chatTemplate("qwen2"), null, "<|im_end|>");
    List<Turn> turns =
        List.of(
            new Turn("system", "S"),
            new Turn("user", "U1"),
            new Turn("assistant", "A1"),
            new Turn("user", "U2"));
    assertThat(new ChatTemplateRendering(qwen).render(turns))
        .isEqualTo(
            "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU1<|im_end|>\n"
                + "<|im_start|>assistant\nA1<|im_end|>\n<|im_start|>user\nU2<|im_end|>\n"
                + "<|im_start|>assistant\n");
  }

  @Test
  void aScenarioWithoutExamplesIsRejected() {
    assertThatThrownBy(() -> WorfbenchPrompts.messages("intercodesql", RECORD))
        .hasMessageContaining("no two-shot examples for WorfBench scenario 'intercodesql'");
  }

  /** benchmark-spec §3.2: begin + content + end per role, no newline after im_end, cue appended. */
  @Test
  void tevalQwenMetaTemplate() {
    List<Turn> turns =
        List.of(
            new Turn("system", "S"),
            new Turn("user", "Q"),
            new Turn("assistant", "call"),
            new Turn("function", "{\"r\": 1}"));
    assertThat(LagentMetaTemplate.QWEN.render(turns))
        .isEqualTo(
            "<|im_start|>system\nS<|im_end|><|im_start|>user\nQ<|im_end|>"
                + "<|im_start|>assistant\ncall<|im_end|><|im_start|>function\n{\"r\": 1}<|im_end|>"
                + "<|im_start|>assistant\n");
  }

  @Test
  void tevalOtherMetaTemplates() {
    List<Turn> turns = List.of(new Turn("system", "S"), new Turn("user", "Q"));
    assertThat(LagentMetaTemplate.INTERNLM.render(turns))
        .isEqualTo("<|System|>:S\n<|User|>:Q\n<|Bot|>:");
    assertThat(LagentMetaTemplate.MISTRAL.render(turns))
        .isEqualTo("[INST] S [/INST][INST] Q [/INST]");
    assertThat(LagentMetaTemplate.LLAMA2.render(turns))
        .isEqualTo("[INST] S [\\INST][INST] Q [\\INST]");
    assertThat(
            LagentMetaTemplate.INTERNLM.render(
                List.of(new Turn("user", "Q"), new Turn("assistant", "A"))))
        .isEqualTo("<|User|>:Q\n<|Bot|>:A<eoa>\n");
    assertThatThrownBy(() -> LagentMetaTemplate.of("gemma"))
        .hasMessageContaining("teval-template")
        .hasMessageContaining("'gemma'");
  }
}
