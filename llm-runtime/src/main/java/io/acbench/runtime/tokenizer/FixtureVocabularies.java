package io.acbench.runtime.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the BPE vocabularies behind {@link TokenizerFixtures}: byte-level (GPT-2 byte alphabet, as
 * Qwen2 and Llama 3 use) and SentencePiece-style (▁ for spaces, {@code <0xNN>} byte fallback, as
 * Mistral and Llama 2 use). Both train on {@link FixtureCorpus#TEXT}.
 */
final class FixtureVocabularies {

  /** Upper bound on learnt merges, so that a 150k-entry model vocabulary still trains fast. */
  static final int MAX_MERGES = 1200;

  static final String METASPACE = "\u2581";

  /** The split the HF ByteLevel pre-tokenizer applies when {@code use_regex} is true (GPT-2). */
  private static final Pattern BYTE_LEVEL_WORDS =
      Pattern.compile(
          "'(?:[sdmt]|ll|ve|re)| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

  private FixtureVocabularies() {}

  /** A BPE model: token to id (in id order) and merges in rank order. */
  record Bpe(Map<String, Integer> vocab, List<BpeTrainer.Merge> merges) {}

  /**
   * The GPT-2 byte alphabet: printable Latin-1 bytes stand for themselves, the others are shifted
   * to code points from 256 up, so every byte has a visible single-character token.
   */
  static String[] byteAlphabet() {
    String[] alphabet = new String[256];
    int shifted = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
      alphabet[b] = Character.toString(printable ? b : 256 + shifted++);
    }
    return alphabet;
  }

  /** Maps text to its byte-level form: UTF-8 bytes, each replaced by its alphabet character. */
  static String toByteLevel(String text, String[] alphabet) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      out.append(alphabet[b & 0xFF]);
    }
    return out.toString();
  }

  /** Byte-level BPE with at most {@code size} entries, ids from {@code firstId}. */
  static Bpe byteLevel(int firstId, int size) {
    String[] alphabet = byteAlphabet();
    Map<List<String>, Integer> words = new TreeMap<>(FixtureVocabularies::compareWords);
    Matcher m = BYTE_LEVEL_WORDS.matcher(FixtureCorpus.TEXT);
    while (m.find()) {
      words.merge(symbols(toByteLevel(m.group(), alphabet)), 1, Integer::sum);
    }
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (String symbol : alphabet) {
      vocab.put(symbol, firstId + vocab.size());
    }
    return withMerges(vocab, words, firstId, size);
  }

  /**
   * SentencePiece-style BPE with at most {@code size} entries, ids from {@code firstId}: the 256
   * {@code <0xNN>} byte tokens, then the corpus characters by falling frequency (at most half the
   * remaining room; rarer characters fall back to bytes), then merges.
   */
  static Bpe sentencePiece(int firstId, int size) {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (int b = 0; b < 256; b++) {
      vocab.put(String.format("<0x%02X>", b), firstId + vocab.size());
    }
    String text = METASPACE + FixtureCorpus.TEXT.replace(" ", METASPACE);
    for (String c : charsByFrequency(text)) {
      if (vocab.size() >= 256 + (size - 256) / 2) {
        break;
      }
      vocab.put(c, firstId + vocab.size());
    }
    Map<List<String>, Integer> words = new TreeMap<>(FixtureVocabularies::compareWords);
    for (String piece : text.split("(?=" + METASPACE + ")")) {
      List<String> word = new ArrayList<>();
      for (String c : symbols(piece)) {
        if (vocab.containsKey(c)) {
          word.add(c);
        } else {
          addWord(words, word);
          word = new ArrayList<>();
        }
      }
      addWord(words, word);
    }
    return withMerges(vocab, words, firstId, size);
  }

  private static Bpe withMerges(
      Map<String, Integer> vocab, Map<List<String>, Integer> words, int firstId, int size) {
    int room = Math.max(0, Math.min(MAX_MERGES, size - vocab.size()));
    List<BpeTrainer.Merge> merges = new ArrayList<>();
    for (BpeTrainer.Merge merge : BpeTrainer.train(words, room)) {
      // Two merge paths can build the same string; the string keeps its first id.
      vocab.putIfAbsent(merge.merged(), firstId + vocab.size());
      merges.add(merge);
    }
    return new Bpe(vocab, merges);
  }

  private static void addWord(Map<List<String>, Integer> words, List<String> word) {
    if (!word.isEmpty()) {
      words.merge(word, 1, Integer::sum);
    }
  }

  private static List<String> symbols(String text) {
    return text.codePoints().mapToObj(Character::toString).toList();
  }

  private static List<String> charsByFrequency(String text) {
    Map<String, Integer> counts = new TreeMap<>();
    text.codePoints().forEach(c -> counts.merge(Character.toString(c), 1, Integer::sum));
    List<String> chars = new ArrayList<>(counts.keySet());
    chars.sort((a, b) -> counts.get(b) - counts.get(a)); // stable: ties stay in code point order
    return chars;
  }

  private static int compareWords(List<String> a, List<String> b) {
    return String.join(" ", a).compareTo(String.join(" ", b));
  }
}
