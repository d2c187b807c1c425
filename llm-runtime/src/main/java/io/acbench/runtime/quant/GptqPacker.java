package io.acbench.runtime.quant;

import io.acbench.runtime.kernels.HalfFloats;

/**
 * Writes int4 codes in the GPTQ v1 checkpoint layout (AutoGPTQ, compression-spec §5.2), with {@code
 * K = in_features}, {@code N = out_features}, G groups:
 *
 * <ul>
 *   <li>{@code qweight} I32 [K/8, N]: word {@code [r, n]} holds {@code q[8r + j, n]} in nibble j;
 *   <li>{@code qzeros} I32 [G, N/8]: word {@code [g, m]} holds {@code zero[g, 8m + j] − 1} in
 *       nibble j (the v1 minus-one convention);
 *   <li>{@code scales} F16 [G, N]; {@code g_idx} I32 [K].
 * </ul>
 *
 * Dequantization: {@code ŵ[k,n] = scale[g_idx[k], n] · (q[k,n] − (storedZero[g_idx[k], n] + 1))}.
 */
public final class GptqPacker {

  private GptqPacker() {}

  /**
   * The four tensors of one GPTQ linear layer, as stored.
   *
   * @param inFeatures K
   * @param outFeatures N
   * @param groups G
   * @param qweight (K/8, N) packed codes
   * @param qzeros (G, N/8) packed zero-points minus one
   * @param scales (G, N) F16 bits
   * @param gIdx (K) group of each input column
   */
  public record Packed(
      int inFeatures,
      int outFeatures,
      int groups,
      int[] qweight,
      int[] qzeros,
      short[] scales,
      int[] gIdx) {

    /** Shape of {@code qweight}: [K/8, N]. */
    public long[] qweightShape() {
      return new long[] {inFeatures / Int4Codes.PER_WORD, outFeatures};
    }

    /** Shape of {@code qzeros}: [G, N/8]. */
    public long[] qzerosShape() {
      return new long[] {groups, outFeatures / Int4Codes.PER_WORD};
    }

    /** Shape of {@code scales}: [G, N]. */
    public long[] scalesShape() {
      return new long[] {groups, outFeatures};
    }

    /** Shape of {@code g_idx}: [K]. */
    public long[] gIdxShape() {
      return new long[] {inFeatures};
    }
  }

  /** The g_idx without act-order: {@code g_idx[k] = k / groupSize}, all 0 when groupSize is -1. */
  public static int[] sequentialGroupIndex(int inFeatures, int groupSize) {
    int[] gIdx = new int[inFeatures];
    if (groupSize != -1) {
      if (groupSize <= 0) {
        throw new IllegalArgumentException("groupSize must be > 0 or -1, got " + groupSize);
      }
      for (int k = 0; k < inFeatures; k++) {
        gIdx[k] = k / groupSize;
      }
    }
    return gIdx;
  }

  /**
   * Packs one layer. Arrays are in checkpoint orientation; none is modified.
   *
   * @param codes (K, N) codes {@code q[k, n]} in 0..15
   * @param zeros (G, N) zero-points in 1..15 (0 cannot be stored in v1, see §5.2)
   * @param scales (G, N) scales, rounded to F16 here
   * @param gIdx (K) group of each input column, in 0..G−1
   */
  public static Packed pack(
      int inFeatures, int outFeatures, int[] codes, int[] zeros, float[] scales, int[] gIdx) {
    if (inFeatures <= 0 || inFeatures % Int4Codes.PER_WORD != 0) {
      throw new IllegalArgumentException(
          "GPTQ qweight: in_features " + inFeatures + " must be a positive multiple of 8");
    }
    if (outFeatures <= 0 || outFeatures % Int4Codes.PER_WORD != 0) {
      throw new IllegalArgumentException(
          "GPTQ qzeros: out_features " + outFeatures + " must be a positive multiple of 8");
    }
    requireLength("codes", codes.length, (long) inFeatures * outFeatures);
    requireLength("g_idx", gIdx.length, inFeatures);
    if (zeros.length % outFeatures != 0 || zeros.length == 0) {
      throw new IllegalArgumentException(
          "GPTQ zeros: length " + zeros.length + " is not G × out_features (" + outFeatures + ")");
    }
    int groups = zeros.length / outFeatures;
    requireLength("scales", scales.length, (long) groups * outFeatures);
    for (int k = 0; k < inFeatures; k++) {
      if (gIdx[k] < 0 || gIdx[k] >= groups) {
        throw new IllegalArgumentException(
            "GPTQ g_idx[" + k + "] = " + gIdx[k] + " is outside 0.." + (groups - 1));
      }
    }
    // qweight: eight consecutive input rows share a word, column by column.
    int rows = inFeatures / Int4Codes.PER_WORD;
    int[] qweight = new int[rows * outFeatures]; // (K/8, N)
    int[] column = new int[Int4Codes.PER_WORD];
    for (int r = 0; r < rows; r++) {
      for (int n = 0; n < outFeatures; n++) {
        for (int j = 0; j < Int4Codes.PER_WORD; j++) {
          column[j] = codes[(Int4Codes.PER_WORD * r + j) * outFeatures + n];
        }
        qweight[r * outFeatures + n] = Int4Codes.packWord(column, 0, "GPTQ codes (k, n)");
      }
    }
    // qzeros: minus-one convention, eight output channels per word.
    int[] stored = new int[zeros.length]; // (G, N)
    for (int i = 0; i < zeros.length; i++) {
      if (zeros[i] < 1 || zeros[i] > Int4Codes.MAX_CODE) {
        throw new IllegalArgumentException(
            "GPTQ zeros[g="
                + i / outFeatures
                + ", n="
                + i % outFeatures
                + "] = "
                + zeros[i]
                + ": GPTQ v1 stores zero − 1, so zeros must be in 1..15 (a zero of 0 underflows;"
                + " write asymmetric results in AWQ format)");
      }
      stored[i] = zeros[i] - 1;
    }
    int[] qzeros = new int[stored.length / Int4Codes.PER_WORD]; // (G, N/8)
    for (int w = 0; w < qzeros.length; w++) {
      qzeros[w] = Int4Codes.packWord(stored, Int4Codes.PER_WORD * w, "GPTQ zeros − 1");
    }
    return new Packed(
        inFeatures,
        outFeatures,
        groups,
        qweight,
        qzeros,
        HalfFloats.floatsToF16(scales),
        gIdx.clone());
  }

  private static void requireLength(String what, int actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          "GPTQ " + what + ": length " + actual + ", expected " + expected);
    }
  }
}
