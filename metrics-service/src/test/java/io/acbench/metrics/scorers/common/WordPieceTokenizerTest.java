package io.acbench.metrics.scorers.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {

  private static WordPieceTokenizer tok;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in =
        WordPieceTokenizer.class.getResourceAsStream(MiniLmSentenceEmbedder.TOKENIZER_RESOURCE)) {
      tok = WordPieceTokenizer.fromTokenizerJson(in);
    }
  }

  @Test
  void bertUncasedIdsForASimpleSentence() {
    // bert-base-uncased vocabulary: [CLS] hello , world ! [SEP]
    assertThat(tok.encode("Hello, world!", 256)).containsExactly(101, 7592, 1010, 2088, 999, 102);
  }

  @Test
  void normalisationLowercasesStripsAccentsAndDropsControls() {
    assertThat(WordPieceTokenizer.normalize("Café\tDÉJÀ\u0000vu")).isEqualTo("cafe deja" + "vu");
    assertThat(WordPieceTokenizer.preTokenize("it's in/on  x"))
        .containsExactly("it", "'", "s", "in", "/", "on", "x");
    assertThat(WordPieceTokenizer.normalize("東京")).isEqualTo(" 東  京 ");
  }

  @Test
  void truncatesToTheTokenBudgetKeepingClsAndSep() {
    long[] ids = tok.encode("one two three four five six seven eight nine ten", 6);
    assertThat(ids).hasSize(6);
    assertThat(ids[0]).isEqualTo(101);
    assertThat(ids[5]).isEqualTo(102);
  }
}
