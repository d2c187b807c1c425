package io.acbench.tasksuite.prompt;

import java.util.List;
import java.util.Locale;

/**
 * lagent {@code LMTemplateParser} meta templates used by T-Eval (benchmark-spec §3.2): each message
 * becomes {@code begin + content + end} for its role, and when the last message is not the
 * assistant's the assistant {@code begin} is appended.
 */
public enum LagentMetaTemplate implements PromptRendering {
  /** ChatML without a newline after {@code <|im_end|>}. */
  QWEN("<|im_start|>%s\n", "<|im_end|>", "<|im_start|>assistant\n", "<|im_end|>", false),
  /** InternLM-1 style; function results use the system markers. */
  INTERNLM("<|System|>:", "\n", "<|Bot|>:", "<eoa>\n", true),
  /** {@code [INST] ... [/INST]} around every non-assistant message. */
  MISTRAL("[INST] ", " [/INST]", "", "", false),
  /** As Mistral with lagent's {@code [\INST]} typo kept. */
  LLAMA2("[INST] ", " [\\INST]", "", "", false);

  private final String begin;
  private final String end;
  private final String assistantBegin;
  private final String assistantEnd;
  private final boolean internlmRoles;

  LagentMetaTemplate(
      String begin, String end, String assistantBegin, String assistantEnd, boolean internlmRoles) {
    this.begin = begin;
    this.end = end;
    this.assistantBegin = assistantBegin;
    this.assistantEnd = assistantEnd;
    this.internlmRoles = internlmRoles;
  }

  /** The template for a configuration value ({@code qwen}, {@code internlm}, ...). */
  public static LagentMetaTemplate of(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "acbench.task-runner.teval-template: unknown meta template '"
              + name
              + "' (one of qwen, internlm, mistral, llama2)",
          e);
    }
  }

  @Override
  public String render(List<Turn> turns) {
    StringBuilder sb = new StringBuilder();
    for (Turn t : turns) {
      if (t.role().equals("assistant")) {
        sb.append(assistantBegin).append(t.content()).append(assistantEnd);
      } else {
        sb.append(beginFor(t.role())).append(t.content()).append(end);
      }
    }
    if (turns.isEmpty() || !turns.getLast().role().equals("assistant")) {
      sb.append(assistantBegin);
    }
    return sb.toString();
  }

  private String beginFor(String role) {
    if (internlmRoles) {
      return role.equals("user") ? "<|User|>:" : begin;
    }
    return begin.contains("%s") ? begin.formatted(role) : begin;
  }
}
