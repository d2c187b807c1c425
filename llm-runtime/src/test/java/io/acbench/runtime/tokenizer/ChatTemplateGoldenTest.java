package io.acbench.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Renders every template of {@code tokenizer/cases.json} over every conversation and compares the
 * result byte for byte with what Python's jinja2 produced ({@code make_goldens.py}).
 */
class ChatTemplateGoldenTest {

  private static final Path DIR = Path.of("src/test/resources/tokenizer");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void goldensWereMadeFromTheCurrentTemplatesAndCases() throws Exception {
    JsonNode hashes =
        JSON.readTree(DIR.resolve("golden/chat_templates.json").toFile()).get("sha256");
    JsonNode templates = JSON.readTree(DIR.resolve("cases.json").toFile()).get("templates");
    templates
        .properties()
        .forEach(
            e ->
                assertThat(sha256(DIR.resolve(e.getValue().get("file").asText())))
                    .as("template %s changed: rerun make_goldens.py", e.getKey())
                    .isEqualTo(hashes.get(e.getKey()).asText()));
    assertThat(sha256(DIR.resolve("cases.json")))
        .as("cases.json changed: rerun make_goldens.py")
        .isEqualTo(hashes.get("cases.json").asText());
  }

  @Test
  void fixtureTemplatesAreTheOnesTheGoldensCover() throws IOException {
    for (String family : List.of("qwen2", "llama", "mistral")) {
      Path file =
          DIR.resolve("../../../main/resources/io/acbench/runtime/tokenizer/" + family + ".jinja");
      assertThat(TokenizerFixtures.chatTemplate(family)).isEqualTo(Files.readString(file));
    }
  }

  @TestFactory
  Stream<DynamicTest> rendersMatchJinja2ByteForByte() throws IOException {
    JsonNode cases = JSON.readTree(DIR.resolve("cases.json").toFile());
    JsonNode golden = JSON.readTree(DIR.resolve("golden/chat_templates.json").toFile());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode render : golden.get("renders")) {
      String name = render.get("template").asText();
      JsonNode spec = cases.get("templates").get(name);
      JsonNode conversation = find(cases.get("conversations"), render.get("conversation").asText());
      boolean agp = render.get("add_generation_prompt").asBoolean();
      tests.add(
          DynamicTest.dynamicTest(
              name + " / " + conversation.get("id").asText() + " / agp=" + agp,
              () -> check(spec, conversation, agp, render)));
    }
    return tests.stream();
  }

  private static void check(JsonNode spec, JsonNode conversation, boolean agp, JsonNode render)
      throws IOException {
    ChatTemplate template =
        ChatTemplate.of(
            Files.readString(DIR.resolve(spec.get("file").asText())),
            spec.get("bos_token").isNull() ? null : spec.get("bos_token").asText(),
            spec.get("eos_token").isNull() ? null : spec.get("eos_token").asText());
    List<ChatMessage> messages = messages(conversation.get("messages"));
    Map<String, Object> extra =
        conversation.has("tools")
            ? Map.of("tools", JSON.convertValue(conversation.get("tools"), List.class))
            : Map.of();
    if (render.has("error")) {
      assertThatThrownBy(() -> template.render(messages, agp, extra))
          .isInstanceOf(ChatTemplateException.class)
          .hasMessage(render.get("error").asText());
    } else {
      assertThat(template.render(messages, agp, extra)).isEqualTo(render.get("output").asText());
    }
  }

  @SuppressWarnings("unchecked")
  static List<ChatMessage> messages(JsonNode array) {
    List<ChatMessage> messages = new ArrayList<>();
    for (JsonNode m : array) {
      List<Map<String, Object>> calls =
          m.has("tool_calls") ? JSON.convertValue(m.get("tool_calls"), List.class) : List.of();
      String content = m.get("content").isNull() ? null : m.get("content").asText();
      messages.add(new ChatMessage(m.get("role").asText(), content, calls));
    }
    return messages;
  }

  private static JsonNode find(JsonNode conversations, String id) {
    for (JsonNode c : conversations) {
      if (c.get("id").asText().equals(id)) {
        return c;
      }
    }
    throw new IllegalStateException("golden names unknown conversation " + id);
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
