package io.acbench.runtime.quant;

/**
 * Nibble packing of 4-bit codes into int32 words, as the GPTQ and AutoAWQ GEMM checkpoints store
 * them (compression-spec §5.2, §5.3). Nibble {@code j} of a word occupies bits {@code 4j..4j+3}.
 *
 * <p>GPTQ packs eight consecutive codes without reordering. AWQ interleaves: nibble {@code j} holds
 * channel {@code ORDER[j]} with {@code ORDER = [0,2,4,6,1,3,5,7]}; channel {@code c} sits in nibble
 * {@code INVERSE[c]} with {@code INVERSE = [0,4,1,5,2,6,3,7]}.
 */
public final class Int4Codes {

  /** Codes per int32 word. */
  public static final int PER_WORD = 8;

  /** Largest 4-bit code. */
  public static final int MAX_CODE = 15;

  private static final int[] AWQ_ORDER = {0, 2, 4, 6, 1, 3, 5, 7};
  private static final int[] AWQ_INVERSE = {0, 4, 1, 5, 2, 6, 3, 7};

  private Int4Codes() {}

  /** The code in nibble {@code j} (0..7) of {@code word}: {@code (word >>> 4j) & 0xF}. */
  public static int nibble(int word, int j) {
    return (word >>> (4 * j)) & 0xF;
  }

  /** The AWQ channel (0..7 within its word) stored in nibble {@code j}: {@code ORDER[j]}. */
  public static int awqChannelOfNibble(int j) {
    return AWQ_ORDER[j];
  }

  /** The nibble that holds AWQ channel {@code c} (0..7 within its word): {@code INVERSE[c]}. */
  public static int awqNibbleOfChannel(int c) {
    return AWQ_INVERSE[c];
  }

  /**
   * Packs {@code codes[off + j]} into nibble {@code j}, j = 0..7 (GPTQ order); {@code what} names
   * the input in the error raised for a code outside 0..15.
   */
  public static int packWord(int[] codes, int off, String what) {
    int word = 0;
    for (int j = 0; j < PER_WORD; j++) {
      word |= checkCode(codes[off + j], what, off + j) << (4 * j);
    }
    return word;
  }

  /** Unpacks the eight nibbles of a GPTQ-order word: {@code out[j] = nibble(word, j)}. */
  public static int[] unpackWord(int word) {
    int[] out = new int[PER_WORD];
    for (int j = 0; j < PER_WORD; j++) {
      out[j] = nibble(word, j);
    }
    return out;
  }

  /**
   * Packs eight channel-ordered codes {@code codes[off + c]}, c = 0..7, with the AWQ interleave:
   * nibble {@code j} holds channel {@code ORDER[j]}.
   */
  public static int awqPackWord(int[] codes, int off, String what) {
    int word = 0;
    for (int j = 0; j < PER_WORD; j++) {
      int index = off + AWQ_ORDER[j];
      word |= checkCode(codes[index], what, index) << (4 * j);
    }
    return word;
  }

  /** Unpacks an AWQ word into channel order: {@code out[ORDER[j]] = nibble(word, j)}. */
  public static int[] awqUnpackWord(int word) {
    int[] out = new int[PER_WORD];
    for (int j = 0; j < PER_WORD; j++) {
      out[AWQ_ORDER[j]] = nibble(word, j);
    }
    return out;
  }

  private static int checkCode(int code, String what, int index) {
    if (code < 0 || code > MAX_CODE) {
      throw new IllegalArgumentException(
          what + "[" + index + "] = " + code + " is not a 4-bit code (0.." + MAX_CODE + ")");
    }
    return code;
  }
}
