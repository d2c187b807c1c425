package io.acbench.runtime.tokenizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chat turn as chat templates see it.
 *
 * @param role {@code system}, {@code user}, {@code assistant}, {@code tool} or a template's own
 * @param content the text, or null (an assistant turn that only calls tools)
 * @param toolCalls OpenAI-style calls ({@code {"type": "function", "function": {"name",
 *     "arguments"}}}), empty when none; templates see them as {@code message.tool_calls}
 */
public record ChatMessage(String role, String content, List<Map<String, Object>> toolCalls) {

  public ChatMessage {
    if (role == null || role.isBlank()) {
      throw new IllegalArgumentException("chat message role must not be blank");
    }
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public ChatMessage(String role, String content) {
    this(role, content, List.of());
  }

  /** The dict a template receives: role, content, and tool_calls only when there are some. */
  Map<String, Object> toTemplateValue() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", role);
    m.put("content", content);
    if (!toolCalls.isEmpty()) {
      m.put("tool_calls", toolCalls);
    }
    return m;
  }
}
