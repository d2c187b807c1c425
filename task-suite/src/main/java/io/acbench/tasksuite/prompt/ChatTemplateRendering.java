package io.acbench.tasksuite.prompt;

import io.acbench.runtime.tokenizer.ChatMessage;
import io.acbench.runtime.tokenizer.ChatTemplate;
import java.util.List;
import java.util.Map;

/** The model's own chat template (corrected mode), with the generation prompt appended. */
public final class ChatTemplateRendering implements PromptRendering {

  private final ChatTemplate template;

  public ChatTemplateRendering(ChatTemplate template) {
    this.template = template;
  }

  @Override
  public String render(List<Turn> turns) {
    List<ChatMessage> messages =
        turns.stream().map(t -> new ChatMessage(t.role(), t.content())).toList();
    return template.render(messages, true, Map.of());
  }
}
