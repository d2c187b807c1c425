package io.acbench.runtime.tokenizer;

import java.util.Arrays;

/**
 * Turns generated token ids into text one id at a time.
 *
 * <p>Each step decodes a short window of recent ids twice, without and with the new ones, and emits
 * the difference. Text ending in U+FFFD is held back: the last token stopped inside a UTF-8
 * sequence (a byte-level piece or a {@code <0xNN>} byte-fallback token) and the next token will
 * complete it. Decoding a window instead of the whole sequence keeps a step cheap, and decoding the
 * window's first token in both calls keeps decoders that treat the first token specially (the
 * Metaspace decoder drops its leading space) consistent. {@link #flush()} returns what is still
 * held, so the concatenation of all outputs equals {@code decode(allIds)}.
 */
public final class StreamDecoder {

  private final Tokenizer tokenizer;
  private final boolean skipSpecialTokens;
  private int[] ids = new int[16];
  private int length;
  private int prefixOffset;
  private int readOffset;

  StreamDecoder(Tokenizer tokenizer, boolean skipSpecialTokens) {
    this.tokenizer = tokenizer;
    this.skipSpecialTokens = skipSpecialTokens;
  }

  /** Adds one id and returns the text it completes (often empty). */
  public String next(int id) {
    if (length == ids.length) {
      ids = Arrays.copyOf(ids, 2 * length);
    }
    ids[length++] = id;
    String prefix = decode(prefixOffset, readOffset);
    String full = decode(prefixOffset, length);
    if (full.length() <= prefix.length() || full.endsWith("\uFFFD")) {
      return "";
    }
    advance();
    return full.substring(prefix.length());
  }

  /** Returns the text still held back (an incomplete UTF-8 tail decodes to U+FFFD here). */
  public String flush() {
    String prefix = decode(prefixOffset, readOffset);
    String full = decode(prefixOffset, length);
    advance();
    return full.length() > prefix.length() ? full.substring(prefix.length()) : "";
  }

  /**
   * Moves the window to the ids just emitted. With skipped special tokens the window must not start
   * on one: the decoder would then treat a later token as the first.
   */
  private void advance() {
    int start = readOffset;
    while (skipSpecialTokens
        && start < length
        && tokenizer.specialTokenIds().contains(ids[start])) {
      start++;
    }
    if (start < length) {
      prefixOffset = start;
    }
    readOffset = length;
  }

  private String decode(int from, int to) {
    return tokenizer.decode(Arrays.copyOfRange(ids, from, to), skipSpecialTokens);
  }
}
