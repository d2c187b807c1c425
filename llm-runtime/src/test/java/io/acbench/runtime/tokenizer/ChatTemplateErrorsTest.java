package io.acbench.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatTemplateErrorsTest {

  private static final List<ChatMessage> HELLO = List.of(new ChatMessage("user", "hello"));

  @TempDir Path dir;

  private static String render(String template) {
    return ChatTemplate.of(template, "<s>", "</s>").render(HELLO, false, Map.of());
  }

  @Test
  void generationBlockIsRejectedByName() {
    assertThatThrownBy(() -> render("{% generation %}{{ messages[0].content }}{% endgeneration %}"))
        .isInstanceOf(ChatTemplateException.class)
        .hasMessageContaining("generation");
  }

  @Test
  void unknownFilterIsRejectedByNameWhenTheTemplateIsCreated() {
    assertThatThrownBy(() -> ChatTemplate.of("{{ messages | shuffle_all }}", null, null))
        .isInstanceOf(ChatTemplateException.class)
        .hasMessageContaining("'shuffle_all'");
  }

  @Test
  void pipesInsideStringLiteralsAreNotFilters() {
    assertThat(render("{{ '<|im_start|>' + 'a|b' }}")).isEqualTo("<|im_start|>a|b");
  }

  @Test
  void callToAnUndefinedMacroFailsInsteadOfRenderingHalf() {
    assertThatThrownBy(() -> render("before {{ render_tools(messages) }} after"))
        .isInstanceOf(ChatTemplateException.class)
        .hasMessageContaining("render_tools");
  }

  @Test
  void raiseExceptionCarriesTheTemplateMessageOnly() {
    assertThatThrownBy(
            () ->
                render(
                    "x{% if messages | length < 2 %}{{ raise_exception('need ' ~ 2) }}{% endif %}y"))
        .isInstanceOf(ChatTemplateException.class)
        .hasMessage("need 2");
    // The thread-local message must not leak into the next render.
    assertThat(render("ok")).isEqualTo("ok");
  }

  @Test
  void messageContentIsNeverInterpretedAsTemplateCode() {
    List<ChatMessage> tricky =
        List.of(new ChatMessage("user", "{{ 7 * 6 }}{% if true %}x{% endif %}"));
    assertThat(
            ChatTemplate.of("{{ messages[0].content }}", null, null)
                .render(tricky, false, Map.of()))
        .isEqualTo("{{ 7 * 6 }}{% if true %}x{% endif %}");
  }

  @Test
  void namedTemplatesComeFromAListInTokenizerConfig() throws IOException {
    Path config = dir.resolve("tokenizer_config.json");
    Files.writeString(
        config,
        """
        {"bos_token": {"content": "<s>"}, "eos_token": "</s>",
         "chat_template": [
           {"name": "default", "template": "{{ bos_token }}D{{ eos_token }}"},
           {"name": "tool_use", "template": "T{{ tools | length }}"}]}
        """);
    assertThat(ChatTemplate.fromTokenizerConfig(config).render(HELLO, false, Map.of()))
        .isEqualTo("<s>D</s>");
    assertThat(
            ChatTemplate.fromTokenizerConfig(config, "tool_use")
                .render(HELLO, false, Map.of("tools", List.of(Map.of(), Map.of()))))
        .isEqualTo("T2");
    assertThatThrownBy(() -> ChatTemplate.fromTokenizerConfig(config, "rag"))
        .isInstanceOf(TokenizerException.class)
        .hasMessageContaining("no chat_template named 'rag'");
  }

  @Test
  void strftimeFollowsPythonDirectives() {
    ZonedDateTime t = ZonedDateTime.of(2026, 3, 5, 14, 7, 9, 0, ZoneOffset.UTC);
    assertThat(TemplateFunctions.strftime(t, "%d %b %Y")).isEqualTo("05 Mar 2026");
    assertThat(TemplateFunctions.strftime(t, "%A %B %-d, %I:%M:%S %p %%"))
        .isEqualTo("Thursday March 5, 02:07:09 PM %");
    assertThat(render("{{ strftime_now('%Y') }}")).matches("\\d{4}");
    assertThatThrownBy(() -> TemplateFunctions.strftime(t, "%Q"))
        .isInstanceOf(ChatTemplateException.class)
        .hasMessageContaining("%Q");
  }

  @Test
  void pythonSplitAndStripSemantics() {
    assertThat(PyStringMethods.split("  a  b ", null, -1)).containsExactly("a", "b");
    assertThat(PyStringMethods.split("a,,b", ",", -1)).containsExactly("a", "", "b");
    assertThat(PyStringMethods.split("a b c", " ", 1)).containsExactly("a", "b c");
    assertThat(PyStringMethods.lstrip("xxhixx", "x")).isEqualTo("hixx");
    assertThat(PyStringMethods.title("they're 1st")).isEqualTo("They'Re 1St");
    assertThat(PyStringMethods.splitLines("a\nb\n")).containsExactly("a", "b");
  }
}
