package io.acbench.runtime.tokenizer;

import java.util.List;
import java.util.Locale;

/** The token layout of one fixture family; see {@link TokenizerFixtures}. */
enum FixtureFamily {
  QWEN2(
      false,
      List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<tool_call>", "</tool_call>"),
      List.of("<tool_call>", "</tool_call>"),
      null,
      "<|im_end|>",
      "<|endoftext|>",
      "Qwen2Tokenizer"),
  LLAMA(
      false,
      List.of(
          "<|begin_of_text|>",
          "<|end_of_text|>",
          "<|start_header_id|>",
          "<|end_header_id|>",
          "<|eot_id|>"),
      List.of(),
      "<|begin_of_text|>",
      "<|eot_id|>",
      null,
      "PreTrainedTokenizerFast"),
  MISTRAL(true, List.of("<unk>", "<s>", "</s>"), List.of(), "<s>", "</s>", null, "LlamaTokenizer");

  private final boolean sentencePiece;
  private final List<String> addedTokens;
  private final List<String> plainAddedTokens;
  private final String bos;
  private final String eos;
  private final String pad;
  private final String tokenizerClass;

  FixtureFamily(
      boolean sentencePiece,
      List<String> addedTokens,
      List<String> plainAddedTokens,
      String bos,
      String eos,
      String pad,
      String tokenizerClass) {
    this.sentencePiece = sentencePiece;
    this.addedTokens = addedTokens;
    this.plainAddedTokens = plainAddedTokens;
    this.bos = bos;
    this.eos = eos;
    this.pad = pad;
    this.tokenizerClass = tokenizerClass;
  }

  static FixtureFamily of(String family) {
    for (FixtureFamily f : values()) {
      if (f.name().equalsIgnoreCase(family)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown tokenizer fixture family '" + family + "': expected qwen2, llama or mistral");
  }

  /** Lower-case family name, as used for the template resource. */
  String familyName() {
    return name().toLowerCase(Locale.ROOT);
  }

  boolean sentencePiece() {
    return sentencePiece;
  }

  /** Added tokens in id order. */
  List<String> addedTokens() {
    return addedTokens;
  }

  /** Whether an added token is special (skipped by decode with skipSpecialTokens). */
  boolean isSpecial(String token) {
    return !plainAddedTokens.contains(token);
  }

  String bos() {
    return bos;
  }

  String eos() {
    return eos;
  }

  String pad() {
    return pad;
  }

  String tokenizerClass() {
    return tokenizerClass;
  }
}
