package io.acbench.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerRoundTripTest {

  @TempDir static Path dir;
  static Tokenizer qwen;
  static Tokenizer llama;
  static Tokenizer mistral;

  @BeforeAll
  static void load() {
    TokenizerFixtures.write(dir.resolve("qwen2"), "qwen2", 1000);
    TokenizerFixtures.write(dir.resolve("llama"), "llama", 1000);
    TokenizerFixtures.write(dir.resolve("mistral"), "mistral", 1000);
    qwen = Tokenizer.load(dir.resolve("qwen2"));
    llama = Tokenizer.load(dir.resolve("llama"));
    mistral = Tokenizer.load(dir.resolve("mistral"));
  }

  @AfterAll
  static void close() {
    qwen.close();
    llama.close();
    mistral.close();
  }

  @Test
  void byteLevelRoundTripsRandomUnicode() {
    RandomText random = new RandomText(7, true);
    for (int i = 0; i < 200; i++) {
      String text = random.next(1 + i % 40);
      assertThat(qwen.decode(qwen.encode(text, false), false)).isEqualTo(text);
      assertThat(llama.decode(llama.encode(text, false), false)).isEqualTo(text);
    }
  }

  @Test
  void sentencePieceRoundTripsRandomUnicode() {
    RandomText random = new RandomText(11, false);
    for (int i = 0; i < 200; i++) {
      String text = random.next(1 + i % 40);
      assertThat(mistral.decode(mistral.encode(text, false), false)).isEqualTo(text);
    }
  }

  @Test
  void sentencePieceFallsBackToByteTokensForUnseenCharacters() {
    String rare = "\u9F98"; // 龘: not in the fixture corpus
    int[] ids = mistral.encode(rare, false);

    assertThat(ids)
        .containsExactly(
            mistral.tokenId("\u2581"),
            mistral.tokenId("<0xE9>"),
            mistral.tokenId("<0xBE>"),
            mistral.tokenId("<0x98>"));
    assertThat(mistral.decode(ids, false)).isEqualTo(rare);
  }

  @Test
  void sentencePieceAbsorbsOneLeadingSpaceLikeSentencePiece() {
    assertThat(mistral.decode(mistral.encode(" hi", false), false)).isEqualTo("hi");
    assertThat(mistral.decode(mistral.encode("a  b", false), false)).isEqualTo("a  b");
  }

  @Test
  void longTextIsNeitherTruncatedNorPadded() {
    String text = new RandomText(13, true).next(4000);
    int[] ids = qwen.encode(text, false);
    assertThat(ids.length).isGreaterThan(2000);
    assertThat(qwen.decode(ids, false)).isEqualTo(text);
  }

  @Test
  void emptyTextEncodesToNothing() {
    assertThat(qwen.encode("", false)).isEmpty();
    assertThat(mistral.encode("", false)).isEmpty();
  }
}
