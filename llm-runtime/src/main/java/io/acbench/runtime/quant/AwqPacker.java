package io.acbench.runtime.quant;

import io.acbench.runtime.kernels.HalfFloats;

/**
 * Writes int4 codes in the AutoAWQ GEMM checkpoint layout (compression-spec §5.3), with {@code K =
 * in_features}, {@code N = out_features}, {@code G = ceil(K / gs)}:
 *
 * <ul>
 *   <li>{@code qweight} I32 [K, N/8]: word {@code [k, m]} holds {@code q[k, 8m + ORDER[j]]} in
 *       nibble j, {@code ORDER = [0,2,4,6,1,3,5,7]};
 *   <li>{@code qzeros} I32 [G, N/8]: raw zero-points 0..15 (no minus one), same interleave;
 *   <li>{@code scales} F16 [G, N].
 * </ul>
 *
 * Dequantization: {@code ŵ[k,n] = (q[k,n] − zero[k/gs, n]) · scale[k/gs, n]}.
 */
public final class AwqPacker {

  private AwqPacker() {}

  /**
   * The three tensors of one AWQ linear layer, as stored.
   *
   * @param inFeatures K
   * @param outFeatures N
   * @param groupSize gs (positive: -1 is resolved to K)
   * @param qweight (K, N/8) interleaved codes
   * @param qzeros (G, N/8) interleaved zero-points
   * @param scales (G, N) F16 bits
   */
  public record Packed(
      int inFeatures, int outFeatures, int groupSize, int[] qweight, int[] qzeros, short[] scales) {

    /** Number of groups G = ceil(K / gs). */
    public int groups() {
      return Math.ceilDiv(inFeatures, groupSize);
    }

    /** Shape of {@code qweight}: [K, N/8]. */
    public long[] qweightShape() {
      return new long[] {inFeatures, outFeatures / Int4Codes.PER_WORD};
    }

    /** Shape of {@code qzeros}: [G, N/8]. */
    public long[] qzerosShape() {
      return new long[] {groups(), outFeatures / Int4Codes.PER_WORD};
    }

    /** Shape of {@code scales}: [G, N]. */
    public long[] scalesShape() {
      return new long[] {groups(), outFeatures};
    }
  }

  /**
   * Packs one layer. Arrays are in checkpoint orientation; none is modified.
   *
   * @param groupSize gs, or -1 for one group over all of K
   * @param codes (K, N) codes {@code q[k, n]} in 0..15
   * @param zeros (G, N) zero-points in 0..15
   * @param scales (G, N) scales, rounded to F16 here
   */
  public static Packed pack(
      int inFeatures, int outFeatures, int groupSize, int[] codes, int[] zeros, float[] scales) {
    if (inFeatures <= 0) {
      throw new IllegalArgumentException("AWQ qweight: in_features must be > 0, got " + inFeatures);
    }
    if (outFeatures <= 0 || outFeatures % Int4Codes.PER_WORD != 0) {
      throw new IllegalArgumentException(
          "AWQ qweight: out_features " + outFeatures + " must be a positive multiple of 8");
    }
    if (groupSize != -1 && groupSize <= 0) {
      throw new IllegalArgumentException("AWQ group_size must be > 0 or -1, got " + groupSize);
    }
    int gs = groupSize == -1 ? inFeatures : groupSize;
    int groups = Math.ceilDiv(inFeatures, gs);
    requireLength("codes", codes.length, (long) inFeatures * outFeatures);
    requireLength("zeros", zeros.length, (long) groups * outFeatures);
    requireLength("scales", scales.length, (long) groups * outFeatures);
    int words = outFeatures / Int4Codes.PER_WORD;
    int[] qweight = new int[inFeatures * words]; // (K, N/8)
    for (int w = 0; w < qweight.length; w++) {
      qweight[w] = Int4Codes.awqPackWord(codes, Int4Codes.PER_WORD * w, "AWQ codes (k, n)");
    }
    int[] qzeros = new int[groups * words]; // (G, N/8)
    for (int w = 0; w < qzeros.length; w++) {
      qzeros[w] = Int4Codes.awqPackWord(zeros, Int4Codes.PER_WORD * w, "AWQ zeros (g, n)");
    }
    return new Packed(inFeatures, outFeatures, gs, qweight, qzeros, HalfFloats.floatsToF16(scales));
  }

  private static void requireLength(String what, int actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          "AWQ " + what + ": length " + actual + ", expected " + expected);
    }
  }
}
