package io.acbench.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenizerFixturesTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"qwen2", "llama", "mistral"})
  void writingIsDeterministic(String family) throws IOException {
    TokenizerFixtures.write(dir.resolve("a"), family, 700);
    TokenizerFixtures.write(dir.resolve("b"), family, 700);
    for (String file : List.of("tokenizer.json", "tokenizer_config.json")) {
      assertThat(Files.readAllBytes(dir.resolve("a").resolve(file)))
          .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(file)));
    }
  }

  @ParameterizedTest
  @CsvSource({"qwen2, 151936", "llama, 128256", "mistral, 32000", "qwen2, 600", "mistral, 600"})
  void everyIdStaysBelowTheModelVocabSize(String family, int vocabSize) {
    TokenizerFixtures.Info info = TokenizerFixtures.write(dir, family, vocabSize);
    try (Tokenizer tokenizer = Tokenizer.load(dir)) {
      assertThat(tokenizer.vocabSize()).isLessThanOrEqualTo(vocabSize);
      assertThat(info.eosTokenId()).isBetween(0, vocabSize - 1);
      assertThat(tokenizer.eosTokenIds()).containsExactly(info.eosTokenId());
      assertThat(tokenizer.bosTokenId()).isEqualTo(info.bosTokenId());
      int[] ids = tokenizer.encode(new RandomText(1, false).next(50), true);
      assertThat(ids).isNotEmpty();
      assertThat(Arrays.stream(ids).allMatch(id -> id >= 0 && id < vocabSize)).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"qwen2", "llama"})
  void everySpecialTokenOfTheTemplateIsAnAddedSpecialToken(String family) {
    TokenizerFixtures.write(dir, family, 700);
    Matcher specials =
        Pattern.compile("<\\|[a-z_]+\\|>").matcher(TokenizerFixtures.chatTemplate(family));
    try (Tokenizer tokenizer = Tokenizer.load(dir)) {
      int found = 0;
      while (specials.find()) {
        found++;
        assertThat(tokenizer.specialTokenIds())
            .as(specials.group())
            .contains(tokenizer.tokenId(specials.group()));
      }
      assertThat(found).isGreaterThan(1);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "qwen2, <|im_start|>, <|im_end|>",
    "llama, <|start_header_id|>, <|eot_id|>",
    "mistral, <s>, </s>"
  })
  void renderedConversationTokenizesWithSingleIdSpecials(String family, String open, String close) {
    TokenizerFixtures.write(dir, family, 700);
    List<ChatMessage> chat =
        List.of(new ChatMessage("user", "Hi!"), new ChatMessage("assistant", "Hello."));
    String prompt =
        ChatTemplate.fromTokenizerConfig(dir.resolve("tokenizer_config.json"))
            .render(chat, false, Map.of());
    try (Tokenizer tokenizer = Tokenizer.load(dir)) {
      assertThat(tokenizer.chatTemplate().render(chat, false, Map.of())).isEqualTo(prompt);
      int[] ids = tokenizer.encode(prompt, false);
      assertThat(ids).contains(tokenizer.tokenId(open), tokenizer.tokenId(close));
      assertThat(tokenizer.decode(ids, false)).isEqualTo(prompt);
    }
  }

  @Test
  void rejectsUnknownFamilyAndTinyVocab() {
    assertThatThrownBy(() -> TokenizerFixtures.write(dir, "gpt2", 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'gpt2'");
    assertThatThrownBy(() -> TokenizerFixtures.write(dir, "qwen2", 300))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vocabSize 300");
  }
}
