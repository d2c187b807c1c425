package io.acbench.runtime.tokenizer;

import java.util.Random;

/** Seeded random text mixing ASCII words, accents, CJK, emoji, whitespace runs and newlines. */
final class RandomText {

  private static final String[] WORDS = {
    "the", "model", "token", "Hello", "world", "quantized", "def", "return", "x", "=", "(", ")",
    "{", "}", ";", "42", "3.14", "don't", "it's", "naïve", "café", "Zürich", "Ünïcödé", "señor"
  };
  private static final String ACCENTS = "éèêëàâäôöûüçñßøåæœÉÀÇ";

  private final Random random;
  private final boolean leadingSpaceAllowed;

  /**
   * @param leadingSpaceAllowed false for SentencePiece-style tokenizers, whose Metaspace prefix
   *     absorbs one leading space (a known, intended loss)
   */
  RandomText(long seed, boolean leadingSpaceAllowed) {
    this.random = new Random(seed);
    this.leadingSpaceAllowed = leadingSpaceAllowed;
  }

  String next(int pieces) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      switch (random.nextInt(8)) {
        case 0, 1 -> out.append(WORDS[random.nextInt(WORDS.length)]);
        case 2 -> out.append(ACCENTS.charAt(random.nextInt(ACCENTS.length())));
        case 3 -> out.appendCodePoint(0x4E00 + random.nextInt(0x9FFF - 0x4E00));
        case 4 ->
            out.appendCodePoint(
                random.nextBoolean()
                    ? 0x1F600 + random.nextInt(0x50)
                    : 0x1F680 + random.nextInt(0x40));
        case 5 -> out.append(" ".repeat(1 + random.nextInt(4)));
        case 6 -> out.append(random.nextBoolean() ? "\n" : "\n\n\t");
        default -> out.append(' ');
      }
    }
    String text = out.toString();
    return leadingSpaceAllowed
        ? text
        : text.stripLeading().isEmpty() ? "x" : stripLeadingSpaces(text);
  }

  private static String stripLeadingSpaces(String text) {
    int i = 0;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return text.substring(i);
  }
}
