package io.acbench.runtime.weights;

import io.acbench.runtime.kernels.AwqKernels;
import io.acbench.runtime.kernels.HalfFloats;
import io.acbench.runtime.kernels.ParallelFor;
import io.acbench.runtime.kernels.VectorKernels;
import io.acbench.runtime.quant.AwqPacker;
import io.acbench.runtime.quant.Int4Codes;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * An AWQ int4 weight (Lin et al. 2023; AutoAWQ GEMM layout, compression-spec §5.3), dequantized on
 * the fly: {@code ŵ[k,n] = (q[k,n] − zero[k/gs, n]) · scale[k/gs, n]}, with {@code q[k, 8m +
 * ORDER[j]]} in nibble j of {@code qweight[k, m]}, {@code ORDER = [0,2,4,6,1,3,5,7]}.
 *
 * <p>{@code qweight} stays in its (mapped) segment; zeros and scales are widened to float once and
 * also kept in nibble-major order for the vector kernel.
 */
public final class AwqInt4Weight implements PooledLinearWeight {

  private static final ValueLayout.OfInt I32_LE =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final String name;
  private final int inFeatures;
  private final int outFeatures;
  private final int groupSize;
  private final int groups;
  private final MemorySegment qweight; // (K, N/8) int32
  private final float[] zeros; // (G, N) channel order
  private final float[] scales; // (G, N) channel order
  private final float[] zerosNm; // (G, 8, N/8) nibble-major
  private final float[] scalesNm; // (G, 8, N/8) nibble-major

  /**
   * @param name layer prefix, for error messages
   * @param groupSize gs, or -1 for one group over all of K
   * @param qweight (K, N/8) int32 little-endian, interleaved along the output dimension
   * @param qzeros (G, N/8) interleaved raw zero-points, G = ceil(K / gs)
   * @param scales (G, N) scales as float (F16 values widened)
   */
  public AwqInt4Weight(
      String name,
      int inFeatures,
      int outFeatures,
      int groupSize,
      MemorySegment qweight,
      int[] qzeros,
      float[] scales) {
    WeightChecks.positive(name, "in_features", inFeatures);
    WeightChecks.positive(name, "out_features", outFeatures);
    if (outFeatures % Int4Codes.PER_WORD != 0) {
      throw new IllegalArgumentException(
          name + ": AWQ int4 needs out_features divisible by 8, got " + outFeatures);
    }
    if (groupSize != -1 && groupSize <= 0) {
      throw new IllegalArgumentException(name + ": group_size must be > 0 or -1, got " + groupSize);
    }
    int words = outFeatures / Int4Codes.PER_WORD;
    this.groupSize = groupSize == -1 ? inFeatures : groupSize;
    this.groups = Math.ceilDiv(inFeatures, this.groupSize);
    if (qweight.byteSize() != 4L * inFeatures * words) {
      throw new IllegalArgumentException(
          name
              + ".qweight: "
              + qweight.byteSize()
              + " bytes, [K, N/8] int32 needs "
              + 4L * inFeatures * words);
    }
    if (qzeros.length != groups * words) {
      throw new IllegalArgumentException(
          name
              + ".qzeros: "
              + qzeros.length
              + " words, [G, N/8] with G = ceil("
              + inFeatures
              + "/"
              + this.groupSize
              + ") needs "
              + groups * words);
    }
    if (scales.length != groups * outFeatures) {
      throw new IllegalArgumentException(
          name + ".scales: " + scales.length + " values, [G, N] needs " + groups * outFeatures);
    }
    this.name = name;
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.qweight = qweight;
    this.scales = scales.clone();
    this.zeros = new float[groups * outFeatures];
    for (int w = 0; w < qzeros.length; w++) {
      int[] channelCodes = Int4Codes.awqUnpackWord(qzeros[w]);
      for (int c = 0; c < Int4Codes.PER_WORD; c++) {
        zeros[Int4Codes.PER_WORD * w + c] = channelCodes[c];
      }
    }
    this.zerosNm = AwqKernels.awqNibbleMajor(zeros, groups, outFeatures);
    this.scalesNm = AwqKernels.awqNibbleMajor(this.scales, groups, outFeatures);
  }

  /** A weight over freshly packed tensors, e.g. from the compressor. */
  public static AwqInt4Weight of(String name, AwqPacker.Packed packed) {
    return new AwqInt4Weight(
        name,
        packed.inFeatures(),
        packed.outFeatures(),
        packed.groupSize(),
        Segments.intsLittleEndian(packed.qweight()),
        packed.qzeros(),
        HalfFloats.f16ToFloats(packed.scales()));
  }

  @Override
  public int inFeatures() {
    return inFeatures;
  }

  @Override
  public int outFeatures() {
    return outFeatures;
  }

  /** Group size along the input dimension (K when the checkpoint says -1). */
  public int groupSize() {
    return groupSize;
  }

  @Override
  public long storageBytes() {
    return qweight.byteSize()
        + 4L * groups * outFeatures / Int4Codes.PER_WORD
        + 2L * groups * outFeatures;
  }

  @Override
  public void matmul(float[] x, int batch, float[] out, ParallelFor pool) {
    WeightChecks.matmulArgs(name, inFeatures, outFeatures, x, batch, out);
    WeightChecks.forRange(
        pool,
        (long) batch * inFeatures * outFeatures,
        outFeatures / Int4Codes.PER_WORD,
        VectorKernels.lanes(),
        (m0, m1) -> {
          int block = batch == 1 ? m1 - m0 : WeightChecks.N_BLOCK / Int4Codes.PER_WORD;
          for (int mb = m0; mb < m1; mb += block) {
            AwqKernels.awqMatmul(
                qweight,
                zerosNm,
                scalesNm,
                groupSize,
                inFeatures,
                outFeatures,
                x,
                batch,
                out,
                mb,
                Math.min(m1, mb + block));
          }
        });
  }

  /** Dense (out = N, in = K): {@code W[n, k] = (q[k, n] − zero[k/gs, n]) · scale[k/gs, n]}. */
  @Override
  public float[] dequantize() {
    int words = outFeatures / Int4Codes.PER_WORD;
    float[] dense = new float[outFeatures * inFeatures]; // (N, K)
    for (int k = 0; k < inFeatures; k++) {
      int g = k / groupSize;
      for (int m = 0; m < words; m++) {
        int[] q = Int4Codes.awqUnpackWord(qweight.get(I32_LE, 4L * ((long) k * words + m)));
        for (int c = 0; c < Int4Codes.PER_WORD; c++) {
          int n = Int4Codes.PER_WORD * m + c;
          int gn = g * outFeatures + n;
          dense[n * inFeatures + k] = (q[c] - zeros[gn]) * scales[gn];
        }
      }
    }
    return dense;
  }

  @Override
  public String toString() {
    return "AwqInt4Weight["
        + name
        + ", "
        + outFeatures
        + "×"
        + inFeatures
        + ", gs="
        + groupSize
        + "]";
  }
}
