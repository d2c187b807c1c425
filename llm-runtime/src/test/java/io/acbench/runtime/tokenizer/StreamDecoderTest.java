package io.acbench.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamDecoderTest {

  @TempDir static Path dir;
  static Tokenizer qwen;
  static Tokenizer mistral;

  @BeforeAll
  static void load() {
    TokenizerFixtures.write(dir.resolve("qwen2"), "qwen2", 1000);
    TokenizerFixtures.write(dir.resolve("mistral"), "mistral", 1000);
    qwen = Tokenizer.load(dir.resolve("qwen2"));
    mistral = Tokenizer.load(dir.resolve("mistral"));
  }

  @AfterAll
  static void close() {
    qwen.close();
    mistral.close();
  }

  private static List<String> stream(Tokenizer tokenizer, int[] ids, boolean skip) {
    StreamDecoder decoder = tokenizer.streamDecoder(skip);
    List<String> pieces = new ArrayList<>();
    for (int id : ids) {
      pieces.add(decoder.next(id));
    }
    pieces.add(decoder.flush());
    return pieces;
  }

  @Test
  void concatenationEqualsFullDecodeOnRandomText() {
    RandomText byteLevelText = new RandomText(3, true);
    RandomText spText = new RandomText(5, false);
    for (int i = 0; i < 60; i++) {
      String a = byteLevelText.next(1 + i % 30) + "<|im_end|>" + byteLevelText.next(5);
      String b = "<s>" + spText.next(1 + i % 30) + "</s>" + spText.next(5);
      for (boolean skip : new boolean[] {false, true}) {
        int[] qIds = qwen.encode(a, false);
        assertThat(String.join("", stream(qwen, qIds, skip))).isEqualTo(qwen.decode(qIds, skip));
        int[] mIds = mistral.encode(b, false);
        assertThat(String.join("", stream(mistral, mIds, skip)))
            .isEqualTo(mistral.decode(mIds, skip));
      }
    }
  }

  @Test
  void holdsBackByteFallbackPiecesUntilTheCharacterIsComplete() {
    int[] ids = {
      mistral.tokenId("\u2581"),
      mistral.tokenId("<0xE9>"),
      mistral.tokenId("<0xBE>"),
      mistral.tokenId("<0x98>")
    };
    // The first ▁ is the Metaspace prefix of a first token: it decodes to nothing.
    assertThat(stream(mistral, ids, false)).containsExactly("", "", "", "\u9F98", "");
  }

  @Test
  void holdsBackByteLevelPiecesOfASplitEmoji() {
    String emoji = "\uD83D\uDE42"; // 🙂, four UTF-8 bytes
    int[] ids = qwen.encode("a" + emoji, false);
    List<String> pieces = stream(qwen, ids, false);

    assertThat(ids.length).isGreaterThan(2); // the emoji really is split across tokens
    assertThat(pieces).doesNotContain("\uFFFD");
    assertThat(pieces.stream().filter(p -> p.contains(emoji)).count()).isEqualTo(1);
    assertThat(String.join("", pieces)).isEqualTo("a" + emoji);
  }

  @Test
  void keepsTheSpaceAfterASkippedSpecialToken() {
    int[] ids = mistral.encode("Hi<s> there", false);
    assertThat(String.join("", stream(mistral, ids, true))).isEqualTo(mistral.decode(ids, true));
  }

  @Test
  void flushEmitsAnIncompleteTailAsReplacementCharacter() {
    StreamDecoder decoder = mistral.streamDecoder(false);
    assertThat(decoder.next(mistral.tokenId("a"))).isEqualTo("a");
    assertThat(decoder.next(mistral.tokenId("<0xE9>"))).isEmpty();
    assertThat(decoder.flush()).isEqualTo("\uFFFD");
  }
}
