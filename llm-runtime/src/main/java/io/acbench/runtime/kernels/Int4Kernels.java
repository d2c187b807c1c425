package io.acbench.runtime.kernels;

import static io.acbench.runtime.kernels.VectorKernels.F;
import static io.acbench.runtime.kernels.VectorKernels.I;
import static io.acbench.runtime.kernels.VectorKernels.L;

import io.acbench.runtime.quant.Int4Codes;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API int4 matmuls that dequantize on the fly (no dense copy of the weight): GPTQ v1 and
 * AutoAWQ GEMM layouts (compression-spec §5.2, §5.3). Twins: {@link ScalarKernels#gptqMatmul} and
 * {@link ScalarKernels#awqMatmul}.
 *
 * <p>Both walk the packed rows in storage order (one pass over the weight per call, whatever the
 * batch) and vectorize over the output dimension, which is contiguous in both layouts; each decoded
 * weight vector {@code (q − z) · s} is used for every batch row before the next is decoded. The
 * decoded value equals the spec's dequantization exactly: {@code q − z} is an exact small integer
 * in float32, and one rounding follows in the multiply by the scale.
 */
public final class Int4Kernels {

  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private Int4Kernels() {}

  /**
   * GPTQ: same contract as {@link ScalarKernels#gptqMatmul}. Columns {@code [n0, n1)} are split
   * into whole vectors, done here, and a tail done by the twin.
   */
  public static void gptqMatmul(
      MemorySegment qweight,
      float[] zeros,
      float[] scales,
      int[] gIdx,
      int inFeatures,
      int outFeatures,
      float[] x,
      int batch,
      float[] out,
      int n0,
      int n1) {
    int nv = n0 + (n1 - n0) / L * L;
    for (int b = 0; b < batch; b++) {
      Arrays.fill(out, b * outFeatures + n0, b * outFeatures + nv, 0f);
    }
    // Stage 1: one packed row r holds codes of inputs 8r..8r+7 for every output column.
    for (int r = 0; r < inFeatures / Int4Codes.PER_WORD; r++) {
      int k0 = Int4Codes.PER_WORD * r;
      long rowOff = 4L * r * outFeatures;
      for (int n = n0; n < nv; n += L) {
        IntVector words = IntVector.fromMemorySegment(I, qweight, rowOff + 4L * n, LE);
        if (batch == 1) {
          // Stage 2a: single row, the accumulator stays in a register for all eight nibbles.
          FloatVector acc = FloatVector.fromArray(F, out, n);
          for (int j = 0; j < Int4Codes.PER_WORD; j++) {
            int gn = gIdx[k0 + j] * outFeatures + n;
            FloatVector w = decode(words, j, zeros, scales, gn);
            acc = w.fma(FloatVector.broadcast(F, x[k0 + j]), acc);
          }
          acc.intoArray(out, n);
        } else {
          // Stage 2b: batch, each decoded vector meets every row's input before the next decode.
          for (int j = 0; j < Int4Codes.PER_WORD; j++) {
            int gn = gIdx[k0 + j] * outFeatures + n;
            FloatVector w = decode(words, j, zeros, scales, gn);
            for (int b = 0; b < batch; b++) {
              int o = b * outFeatures + n;
              w.fma(
                      FloatVector.broadcast(F, x[b * inFeatures + k0 + j]),
                      FloatVector.fromArray(F, out, o))
                  .intoArray(out, o);
            }
          }
        }
      }
    }
    // Stage 3: columns that do not fill a vector.
    if (nv < n1) {
      ScalarKernels.gptqMatmul(
          qweight, zeros, scales, gIdx, inFeatures, outFeatures, x, batch, out, nv, n1);
    }
  }

  /**
   * Rearranges AWQ zeros or scales from channel order (G, N) to nibble order (G, 8, N/8): {@code
   * dst[(g·8 + j)·N/8 + m] = src[g·N + 8m + ORDER[j]]}, the layout {@link #awqMatmul} reads.
   */
  public static float[] awqNibbleMajor(float[] src, int groups, int outFeatures) {
    int words = outFeatures / Int4Codes.PER_WORD;
    float[] dst = new float[groups * outFeatures];
    for (int g = 0; g < groups; g++) {
      for (int j = 0; j < Int4Codes.PER_WORD; j++) {
        for (int m = 0; m < words; m++) {
          dst[(g * Int4Codes.PER_WORD + j) * words + m] =
              src[g * outFeatures + Int4Codes.PER_WORD * m + Int4Codes.awqChannelOfNibble(j)];
        }
      }
    }
    return dst;
  }

  /**
   * AWQ: same result as {@link ScalarKernels#awqMatmul} over words {@code [m0, m1)}, but {@code
   * zerosNm} and {@code scalesNm} are in the nibble-major layout of {@link #awqNibbleMajor}, so a
   * vector of packed words and its zeros/scales line up lane for lane.
   */
  public static void awqMatmul(
      MemorySegment qweight,
      float[] zerosNm,
      float[] scalesNm,
      int groupSize,
      int inFeatures,
      int outFeatures,
      float[] x,
      int batch,
      float[] out,
      int m0,
      int m1) {
    int words = outFeatures / Int4Codes.PER_WORD;
    int width = m1 - m0;
    int mv = m0 + width / L * L;
    float[] acc = new float[batch * Int4Codes.PER_WORD * width]; // (batch, 8, width)
    // Stage 1: input row k holds codes of every output channel, nibble j of word m = channel
    // 8m + ORDER[j]; accumulate per (nibble, word) so lanes stay contiguous.
    for (int k = 0; k < inFeatures; k++) {
      int g = k / groupSize;
      long rowOff = 4L * k * words;
      for (int m = m0; m < mv; m += L) {
        IntVector packed = IntVector.fromMemorySegment(I, qweight, rowOff + 4L * m, LE);
        for (int j = 0; j < Int4Codes.PER_WORD; j++) {
          int gi = (g * Int4Codes.PER_WORD + j) * words + m;
          FloatVector w = decode(packed, j, zerosNm, scalesNm, gi);
          for (int b = 0; b < batch; b++) {
            int a = (b * Int4Codes.PER_WORD + j) * width + (m - m0);
            w.fma(FloatVector.broadcast(F, x[b * inFeatures + k]), FloatVector.fromArray(F, acc, a))
                .intoArray(acc, a);
          }
        }
      }
      // Stage 2: words that do not fill a vector, same order of operations per element.
      for (int m = mv; m < m1; m++) {
        int word = qweight.get(ScalarKernels.I32_LE, rowOff + 4L * m);
        for (int j = 0; j < Int4Codes.PER_WORD; j++) {
          int gi = (g * Int4Codes.PER_WORD + j) * words + m;
          float w = (Int4Codes.nibble(word, j) - zerosNm[gi]) * scalesNm[gi];
          for (int b = 0; b < batch; b++) {
            acc[(b * Int4Codes.PER_WORD + j) * width + (m - m0)] += w * x[b * inFeatures + k];
          }
        }
      }
    }
    // Stage 3: undo the interleave into channel order.
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < Int4Codes.PER_WORD; j++) {
        int channel = Int4Codes.awqChannelOfNibble(j);
        for (int m = m0; m < m1; m++) {
          out[b * outFeatures + Int4Codes.PER_WORD * m + channel] =
              acc[(b * Int4Codes.PER_WORD + j) * width + (m - m0)];
        }
      }
    }
  }

  /** {@code (nibble j of words − zeros[at..]) · scales[at..]} as a float vector. */
  private static FloatVector decode(IntVector words, int j, float[] zeros, float[] scales, int at) {
    FloatVector q =
        (FloatVector)
            words.lanewise(VectorOperators.LSHR, 4 * j).and(0xF).convert(VectorOperators.I2F, 0);
    return q.sub(FloatVector.fromArray(F, zeros, at)).mul(FloatVector.fromArray(F, scales, at));
  }
}
