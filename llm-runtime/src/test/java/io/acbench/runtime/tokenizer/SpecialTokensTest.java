package io.acbench.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecialTokensTest {

  @TempDir static Path dir;
  static Tokenizer qwen;
  static Tokenizer llama;
  static Tokenizer mistral;
  static TokenizerFixtures.Info qwenInfo;
  static TokenizerFixtures.Info llamaInfo;
  static TokenizerFixtures.Info mistralInfo;

  @BeforeAll
  static void load() {
    qwenInfo = TokenizerFixtures.write(dir.resolve("qwen2"), "qwen2", 800);
    llamaInfo = TokenizerFixtures.write(dir.resolve("llama"), "llama", 800);
    mistralInfo = TokenizerFixtures.write(dir.resolve("mistral"), "mistral", 800);
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
  void specialTokensInTextStaySingleIds() {
    int start = qwen.tokenId("<|im_start|>");
    int end = qwen.tokenId("<|im_end|>");
    String text = "<|im_start|>user\nhello<|im_end|><|im_end|>";
    int[] ids = qwen.encode(text, false);

    assertThat(ids[0]).isEqualTo(start);
    assertThat(Arrays.stream(ids).filter(id -> id == end).count()).isEqualTo(2);
    assertThat(ids[ids.length - 1]).isEqualTo(end);
    assertThat(qwen.decode(ids, false)).isEqualTo(text);
  }

  @Test
  void textThatOnlyResemblesASpecialTokenIsSplitIntoPlainTokens() {
    for (String text : new String[] {"<|im_start|", "<| im_start|>", "<|IM_START|>"}) {
      int[] ids = qwen.encode(text, false);
      assertThat(Arrays.stream(ids).boxed().toList())
          .doesNotContainAnyElementsOf(qwen.specialTokenIds());
      assertThat(qwen.decode(ids, false)).isEqualTo(text);
    }
  }

  @Test
  void sentencePieceMatchesItsSpecialTokensAsTheFileSays() {
    // <s> and </s> are added special tokens with normalized=false: matched anywhere in raw text.
    int[] ids = mistral.encode("a<s>b</s>", false);
    assertThat(ids).contains(mistralInfo.bosTokenId(), mistralInfo.eosTokenId());
    // Byte-token spellings and near misses are plain text.
    for (String text : new String[] {"<0x41>", "< s>", "<S>", "</ s>"}) {
      int[] plain = mistral.encode(text, false);
      assertThat(Arrays.stream(plain).boxed().toList())
          .doesNotContainAnyElementsOf(mistral.specialTokenIds());
      assertThat(plain).doesNotContain(mistral.tokenId("<0x41>"));
      assertThat(mistral.decode(plain, false)).isEqualTo(text);
    }
  }

  @Test
  void addSpecialTokensPrependsBosOnlyWhereTheFamilyHasOne() {
    assertThat(llama.encode("hi", true)[0]).isEqualTo(llamaInfo.bosTokenId());
    assertThat(mistral.encode("hi", true)[0]).isEqualTo(mistralInfo.bosTokenId());
    assertThat(qwen.encode("hi", true)).isEqualTo(qwen.encode("hi", false));
    assertThat(llama.encode("hi", false)).doesNotContain(llamaInfo.bosTokenId());
  }

  @Test
  void skipSpecialTokensDropsOnlySpecialAddedTokens() {
    int[] ids = qwen.encode("<|im_start|>a<tool_call>b<|im_end|>", false);
    assertThat(qwen.decode(ids, true)).isEqualTo("a<tool_call>b");
    assertThat(qwen.specialTokenIds()).doesNotContain(qwen.tokenId("<tool_call>"));
  }

  @Test
  void idsAndMetadataMatchTheFixtureInfo() {
    assertThat(qwen.bosTokenId()).isEqualTo(-1).isEqualTo(qwenInfo.bosTokenId());
    assertThat(qwen.eosTokenIds()).containsExactly(qwenInfo.eosTokenId());
    assertThat(qwen.tokenId("<|endoftext|>")).isEqualTo(qwenInfo.padTokenId());
    assertThat(llama.bosTokenId()).isEqualTo(llamaInfo.bosTokenId());
    assertThat(llama.eosTokenIds()).containsExactly(llama.tokenId("<|eot_id|>"));
    assertThat(mistral.bosTokenId()).isEqualTo(1);
    assertThat(mistral.eosTokenIds()).containsExactly(2);
    assertThat(mistral.token(0)).isEqualTo("<unk>");
    assertThat(qwen.tokenId("no such token")).isEqualTo(-1);
    assertThat(qwen.token(qwen.vocabSize())).isNull();
    for (int id = 0; id < qwen.vocabSize(); id++) {
      assertThat(qwen.tokenId(qwen.token(id))).isEqualTo(id);
    }
  }

  @Test
  void byteLevelTokenStringsAreTheRawVocabularyForm() {
    int[] ids = qwen.encode(" a", false);
    String joined = Arrays.stream(ids).mapToObj(qwen::token).reduce("", String::concat);
    assertThat(joined).isEqualTo("\u0120a"); // Ġ stands for the space byte
  }
}
