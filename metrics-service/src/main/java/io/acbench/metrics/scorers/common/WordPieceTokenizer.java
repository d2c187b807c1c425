package io.acbench.metrics.scorers.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT uncased tokenization as the HuggingFace {@code tokenizer.json} of all-MiniLM-L6-v2 defines
 * it: BertNormalizer (drop control characters, whitespace to ' ', spaces around CJK ideographs, NFD
 * accent stripping, lowercase), BertPreTokenizer (split on whitespace and on each punctuation
 * character), WordPiece (greedy longest match, {@code ##} continuation, {@code [UNK]} for words
 * over 100 characters or without a segmentation), then {@code [CLS] … [SEP]}.
 */
final class WordPieceTokenizer {

  private static final int MAX_WORD_CHARS = 100;

  private final Map<String, Integer> vocab;
  private final int unk;
  private final int cls;
  private final int sep;

  private WordPieceTokenizer(Map<String, Integer> vocab) {
    this.vocab = vocab;
    this.unk = vocab.get("[UNK]");
    this.cls = vocab.get("[CLS]");
    this.sep = vocab.get("[SEP]");
  }

  /** Reads {@code model.vocab} of a HuggingFace tokenizer.json. */
  static WordPieceTokenizer fromTokenizerJson(InputStream in) throws IOException {
    JsonNode vocabNode = new ObjectMapper().readTree(in).path("model").path("vocab");
    Map<String, Integer> vocab = new HashMap<>();
    vocabNode.properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
    return new WordPieceTokenizer(vocab);
  }

  /** Token ids {@code [CLS] w… [SEP]}, at most maxTokens in all (truncated on the right). */
  long[] encode(String text, int maxTokens) {
    List<Integer> ids = new ArrayList<>();
    for (String word : preTokenize(normalize(text))) {
      wordPiece(word, ids);
      if (ids.size() >= maxTokens - 2) {
        break;
      }
    }
    int n = Math.min(ids.size(), maxTokens - 2);
    long[] out = new long[n + 2];
    out[0] = cls;
    for (int i = 0; i < n; i++) {
      out[i + 1] = ids.get(i);
    }
    out[n + 1] = sep;
    return out;
  }

  static String normalize(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
              }
              if (isWhitespace(cp)) {
                sb.append(' ');
              } else if (isCjk(cp)) {
                sb.append(' ').appendCodePoint(cp).append(' ');
              } else {
                sb.appendCodePoint(cp);
              }
            });
    String nfd = Normalizer.normalize(sb, Normalizer.Form.NFD);
    StringBuilder stripped = new StringBuilder(nfd.length());
    nfd.codePoints()
        .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
        .forEach(stripped::appendCodePoint);
    return stripped.toString().toLowerCase(Locale.ROOT);
  }

  static List<String> preTokenize(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    text.codePoints()
        .forEach(
            cp -> {
              if (isWhitespace(cp)) {
                flush(cur, words);
              } else if (isPunctuation(cp)) {
                flush(cur, words);
                words.add(new String(Character.toChars(cp)));
              } else {
                cur.appendCodePoint(cp);
              }
            });
    flush(cur, words);
    return words;
  }

  private void wordPiece(String word, List<Integer> out) {
    if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
      out.add(unk);
      return;
    }
    List<Integer> pieces = new ArrayList<>();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      Integer id = null;
      while (start < end) {
        String sub = (start > 0 ? "##" : "") + word.substring(start, end);
        id = vocab.get(sub);
        if (id != null) {
          break;
        }
        end = word.offsetByCodePoints(end, -1);
      }
      if (id == null) {
        out.add(unk);
        return;
      }
      pieces.add(id);
      start = end;
    }
    out.addAll(pieces);
  }

  private static void flush(StringBuilder cur, List<String> words) {
    if (!cur.isEmpty()) {
      words.add(cur.toString());
      cur.setLength(0);
    }
  }

  private static boolean isWhitespace(int cp) {
    return cp == ' '
        || cp == '\t'
        || cp == '\n'
        || cp == '\r'
        || Character.getType(cp) == Character.SPACE_SEPARATOR;
  }

  private static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    int t = Character.getType(cp);
    return t == Character.CONTROL
        || t == Character.FORMAT
        || t == Character.PRIVATE_USE
        || t == Character.SURROGATE
        || t == Character.UNASSIGNED;
  }

  private static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47)
        || (cp >= 58 && cp <= 64)
        || (cp >= 91 && cp <= 96)
        || (cp >= 123 && cp <= 126)) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION ->
          true;
      default -> false;
    };
  }

  private static boolean isCjk(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}
