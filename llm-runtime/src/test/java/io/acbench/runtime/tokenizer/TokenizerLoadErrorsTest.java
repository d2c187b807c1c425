package io.acbench.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerLoadErrorsTest {

  @TempDir Path dir;

  @Test
  void missingTokenizerJsonIsNamed() {
    assertThatThrownBy(() -> Tokenizer.load(dir))
        .isInstanceOf(TokenizerException.class)
        .hasMessageContaining("missing")
        .hasMessageContaining(dir.resolve("tokenizer.json").toString());
  }

  @Test
  void tokenizerJsonThatIsNotJsonIsNamed() throws IOException {
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"vocab\": ");
    assertThatThrownBy(() -> Tokenizer.load(dir))
        .isInstanceOf(TokenizerException.class)
        .hasMessageContaining("malformed " + dir.resolve("tokenizer.json"))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void tokenizerJsonTheLibraryRejectsCarriesItsReason() throws IOException {
    Files.writeString(
        dir.resolve("tokenizer.json"),
        "{\"version\": \"1.0\", \"added_tokens\": [], \"model\": {\"type\": \"NoSuchModel\","
            + " \"vocab\": {\"a\": 0}}}");
    assertThatThrownBy(() -> Tokenizer.load(dir))
        .isInstanceOf(TokenizerException.class)
        .hasMessageContaining("cannot load " + dir.resolve("tokenizer.json"))
        .hasMessageContaining("rejected it (")
        .hasCauseInstanceOf(RuntimeException.class);
  }

  @Test
  void negativeVocabularyIdIsNamed() throws IOException {
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"vocab\": {\"a\": -3}}}");
    assertThatThrownBy(() -> Tokenizer.load(dir))
        .isInstanceOf(TokenizerException.class)
        .hasMessageContaining("model.vocab id of token 'a'");
  }

  @Test
  void malformedTokenizerConfigNamesTheField() throws IOException {
    TokenizerFixtures.write(dir, "qwen2", 600);
    Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": 42}");
    assertThatThrownBy(() -> Tokenizer.load(dir))
        .isInstanceOf(TokenizerException.class)
        .hasMessageContaining("tokenizer_config.json")
        .hasMessageContaining("chat_template");
  }

  @Test
  void eosTokenMissingFromTheVocabularyIsNamed() throws IOException {
    TokenizerFixtures.write(dir, "qwen2", 600);
    Files.writeString(dir.resolve("tokenizer_config.json"), "{\"eos_token\": \"<|nope|>\"}");
    assertThatThrownBy(() -> Tokenizer.load(dir))
        .isInstanceOf(TokenizerException.class)
        .hasMessageContaining("eos_token '<|nope|>'");
  }
}
