package io.acbench.runtime.weights;

import io.acbench.runtime.kernels.GptqKernels;
import io.acbench.runtime.kernels.HalfFloats;
import io.acbench.runtime.kernels.ParallelFor;
import io.acbench.runtime.kernels.VectorKernels;
import io.acbench.runtime.quant.GptqPacker;
import io.acbench.runtime.quant.Int4Codes;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A GPTQ int4 weight (Frantar et al. 2022; AutoGPTQ v1 layout, compression-spec §5.2), dequantized
 * on the fly: {@code ŵ[k,n] = scale[g_idx[k], n] · (q[k,n] − (storedZero[g_idx[k], n] + 1))}.
 *
 * <p>{@code qweight} stays in its (mapped) segment; zeros and scales, G·N values each, are widened
 * to float once. Symmetric and asymmetric zeros, any group size and any act-order {@code g_idx} are
 * supported; with {@code gptq_v2} the stored zero is used without the "+1".
 */
public final class GptqInt4Weight implements PooledLinearWeight {

  private static final ValueLayout.OfInt I32_LE =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final String name;
  private final int inFeatures;
  private final int outFeatures;
  private final int groups;
  private final MemorySegment qweight; // (K/8, N) int32
  private final float[] zeros; // (G, N) storedZero + 1 (v1) or storedZero (v2)
  private final float[] scales; // (G, N)
  private final int[] gIdx; // (K)
  private final int sequentialGroupSize; // gs when g_idx[k] = k / gs with gs % 8 == 0, else 0

  /**
   * @param name layer prefix, for error messages
   * @param qweight (K/8, N) int32 little-endian, packed along the input dimension
   * @param qzeros (G, N/8) packed stored zeros
   * @param scales (G, N) scales as float (F16 values widened)
   * @param gIdx (K) group of each input column, in 0..G−1
   * @param v2Zeros true for {@code checkpoint_format: gptq_v2} (zeros stored without minus one)
   */
  public GptqInt4Weight(
      String name,
      int inFeatures,
      int outFeatures,
      MemorySegment qweight,
      int[] qzeros,
      float[] scales,
      int[] gIdx,
      boolean v2Zeros) {
    WeightChecks.positive(name, "in_features", inFeatures);
    WeightChecks.positive(name, "out_features", outFeatures);
    if (inFeatures % Int4Codes.PER_WORD != 0 || outFeatures % Int4Codes.PER_WORD != 0) {
      throw new IllegalArgumentException(
          name
              + ": GPTQ int4 needs in and out features divisible by 8, got "
              + inFeatures
              + ", "
              + outFeatures);
    }
    int words = outFeatures / Int4Codes.PER_WORD;
    if (qweight.byteSize() != 4L * inFeatures / Int4Codes.PER_WORD * outFeatures) {
      throw new IllegalArgumentException(
          name
              + ".qweight: "
              + qweight.byteSize()
              + " bytes, [K/8, N] int32 needs "
              + 4L * inFeatures / Int4Codes.PER_WORD * outFeatures);
    }
    if (qzeros.length == 0 || qzeros.length % words != 0) {
      throw new IllegalArgumentException(
          name + ".qzeros: " + qzeros.length + " words is not G × N/8 = G × " + words);
    }
    this.groups = qzeros.length / words;
    if (scales.length != groups * outFeatures) {
      throw new IllegalArgumentException(
          name + ".scales: " + scales.length + " values, [G, N] needs " + groups * outFeatures);
    }
    if (gIdx.length != inFeatures) {
      throw new IllegalArgumentException(
          name + ".g_idx: " + gIdx.length + " entries, needs K = " + inFeatures);
    }
    for (int k = 0; k < inFeatures; k++) {
      if (gIdx[k] < 0 || gIdx[k] >= groups) {
        throw new IllegalArgumentException(
            name + ".g_idx[" + k + "] = " + gIdx[k] + " is outside 0.." + (groups - 1));
      }
    }
    this.name = name;
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.qweight = qweight;
    this.scales = scales.clone();
    this.gIdx = gIdx.clone();
    this.sequentialGroupSize = sequentialGroupSize(this.gIdx, groups);
    this.zeros = new float[groups * outFeatures];
    int offset = v2Zeros ? 0 : 1;
    for (int i = 0; i < zeros.length; i++) {
      zeros[i] = Int4Codes.nibble(qzeros[i / Int4Codes.PER_WORD], i % Int4Codes.PER_WORD) + offset;
    }
  }

  /** A weight over freshly packed tensors (v1 zeros), e.g. from the compressor. */
  public static GptqInt4Weight of(String name, GptqPacker.Packed packed) {
    return new GptqInt4Weight(
        name,
        packed.inFeatures(),
        packed.outFeatures(),
        Segments.intsLittleEndian(packed.qweight()),
        packed.qzeros(),
        HalfFloats.f16ToFloats(packed.scales()),
        packed.gIdx(),
        false);
  }

  @Override
  public int inFeatures() {
    return inFeatures;
  }

  @Override
  public int outFeatures() {
    return outFeatures;
  }

  /** Number of quantization groups G. */
  public int groups() {
    return groups;
  }

  @Override
  public long storageBytes() {
    return qweight.byteSize()
        + 4L * groups * outFeatures / Int4Codes.PER_WORD
        + 2L * groups * outFeatures
        + 4L * inFeatures;
  }

  @Override
  public void matmul(float[] x, int batch, float[] out, ParallelFor pool) {
    WeightChecks.matmulArgs(name, inFeatures, outFeatures, x, batch, out);
    WeightChecks.forRange(
        pool,
        (long) batch * inFeatures * outFeatures,
        outFeatures,
        VectorKernels.lanes(),
        (n0, n1) -> {
          int block = batch == 1 ? n1 - n0 : WeightChecks.N_BLOCK;
          for (int nb = n0; nb < n1; nb += block) {
            columns(x, batch, out, nb, Math.min(n1, nb + block));
          }
        });
  }

  private void columns(float[] x, int batch, float[] out, int n0, int n1) {
    if (sequentialGroupSize > 0) {
      GptqKernels.gptqMatmulGrouped(
          qweight,
          zeros,
          scales,
          sequentialGroupSize,
          inFeatures,
          outFeatures,
          x,
          batch,
          out,
          n0,
          n1);
    } else {
      GptqKernels.gptqMatmul(
          qweight, zeros, scales, gIdx, inFeatures, outFeatures, x, batch, out, n0, n1);
    }
  }

  /**
   * The group size gs when {@code g_idx[k] = k / gs} for every k and gs is a multiple of 8 (so no
   * packed row straddles two groups), else 0: such layers take the group-factored kernel.
   */
  private static int sequentialGroupSize(int[] gIdx, int groups) {
    int gs = groups == 1 ? gIdx.length : 0;
    while (gs < gIdx.length && gIdx[gs] == 0) {
      gs++;
    }
    if (gs == 0 || gs % Int4Codes.PER_WORD != 0 || Math.ceilDiv(gIdx.length, gs) != groups) {
      return 0;
    }
    for (int k = 0; k < gIdx.length; k++) {
      if (gIdx[k] != k / gs) {
        return 0;
      }
    }
    return gs;
  }

  /** Whether matmul takes the group-factored kernel (g_idx is k / gs, gs a multiple of 8). */
  public boolean hasSequentialGroups() {
    return sequentialGroupSize > 0;
  }

  /**
   * Dense (out = N, in = K): {@code W[n, k] = scale[g, n] · (q[k, n] − zero[g, n])}, g = g_idx[k].
   */
  @Override
  public float[] dequantize() {
    float[] dense = new float[outFeatures * inFeatures]; // (N, K)
    for (int k = 0; k < inFeatures; k++) {
      long rowOff = 4L * (k / Int4Codes.PER_WORD) * outFeatures;
      int g = gIdx[k];
      for (int n = 0; n < outFeatures; n++) {
        int q = Int4Codes.nibble(qweight.get(I32_LE, rowOff + 4L * n), k % Int4Codes.PER_WORD);
        int gn = g * outFeatures + n;
        dense[n * inFeatures + k] = scales[gn] * (q - zeros[gn]);
      }
    }
    return dense;
  }

  @Override
  public String toString() {
    return "GptqInt4Weight[" + name + ", " + outFeatures + "×" + inFeatures + ", G=" + groups + "]";
  }
}
