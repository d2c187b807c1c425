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

/**
 * Vector API AWQ int4 matmul (Lin et al. 2023; AutoAWQ GEMM layout, compression-spec §5.3) that
 * dequantizes on the fly, with no dense copy of the weight. Twin: {@link ScalarKernels#awqMatmul}.
 *
 * <p>The packed rows are walked in storage order, vectorized over packed words (the output
 * dimension); lane l of nibble j is channel {@code 8(m + l) + ORDER[j]}, so accumulators are kept
 * nibble-major and the interleave is undone once at the end. Groups are factored out of the inner
 * loop: {@code Σ_k x_k·s·(q_k − z) = s·(Σ_k x_k·q_k − z·Σ_k x_k)}.
 */
public final class AwqKernels {

  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private AwqKernels() {}

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
   * vector of packed words and its zeros/scales line up lane for lane. Groups are factored out of
   * the inner loop as in {@link GptqKernels#gptqMatmulGrouped}.
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
    final int per = Int4Codes.PER_WORD;
    int words = outFeatures / per;
    int width = m1 - m0;
    int mv = m0 + width / L * L;
    float[] total = new float[batch * per * width]; // (batch, 8, width) result, nibble-major
    float[] groupAcc = new float[batch * per * width]; // (batch, 8, width) Σ x·q in this group
    float[] xSum = new float[batch]; // (batch) Σ x over this group's rows
    for (int kStart = 0; kStart < inFeatures; kStart += groupSize) {
      int kEnd = Math.min(inFeatures, kStart + groupSize);
      int g = kStart / groupSize;
      Int4Vectors.groupSums(x, inFeatures, batch, kStart, kEnd, xSum);
      // Stage 1: Σ_k x·q over the group's rows, vector words only.
      if (batch == 1) {
        // Blocks of up to eight rows keep the eight nibble accumulators in registers.
        for (int kb = kStart; kb < kEnd; kb += per) {
          int ke = Math.min(kEnd, kb + per);
          for (int m = m0; m < mv; m += L) {
            awqCodesBlockSingle(qweight, words, x, kb, ke, m, m - m0, width, groupAcc);
          }
        }
      } else {
        for (int k = kStart; k < kEnd; k++) {
          for (int m = m0; m < mv; m += L) {
            awqCodesRowBatched(qweight, words, inFeatures, x, batch, k, m, m - m0, width, groupAcc);
          }
        }
      }
      // Stage 2: fold the group in, total += s·(Σ x·q − z·Σ x), and clear its accumulators.
      for (int j = 0; j < per; j++) {
        for (int m = m0; m < mv; m += L) {
          int gi = (g * per + j) * words + m;
          for (int b = 0; b < batch; b++) {
            int a = (b * per + j) * width + (m - m0);
            Int4Vectors.fold(scalesNm, zerosNm, gi, xSum[b], groupAcc, a, total, a);
          }
        }
      }
      Arrays.fill(groupAcc, 0f);
      // Stage 3: words that do not fill a vector, dequantized element by element.
      if (mv < m1) {
        awqTailWords(
            qweight,
            zerosNm,
            scalesNm,
            words,
            inFeatures,
            x,
            batch,
            g,
            kStart,
            kEnd,
            m0,
            mv,
            m1,
            total);
      }
    }
    // Stage 4: undo the interleave into channel order.
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < per; j++) {
        int channel = Int4Codes.awqChannelOfNibble(j);
        for (int m = m0; m < m1; m++) {
          out[b * outFeatures + per * m + channel] = total[(b * per + j) * width + (m - m0)];
        }
      }
    }
  }

  /**
   * Batch 1, rows {@code [kb, ke)} (at most 8), one vector of words at m: {@code acc[j, a..] += Σ_k
   * x[k] · q[k, 8m + ORDER[j]]}; acc is (8, width) nibble-major.
   */
  private static void awqCodesBlockSingle(
      MemorySegment qweight,
      int words,
      float[] x,
      int kb,
      int ke,
      int m,
      int a,
      int width,
      float[] acc) {
    FloatVector a0 = FloatVector.fromArray(F, acc, a);
    FloatVector a1 = FloatVector.fromArray(F, acc, width + a);
    FloatVector a2 = FloatVector.fromArray(F, acc, 2 * width + a);
    FloatVector a3 = FloatVector.fromArray(F, acc, 3 * width + a);
    FloatVector a4 = FloatVector.fromArray(F, acc, 4 * width + a);
    FloatVector a5 = FloatVector.fromArray(F, acc, 5 * width + a);
    FloatVector a6 = FloatVector.fromArray(F, acc, 6 * width + a);
    FloatVector a7 = FloatVector.fromArray(F, acc, 7 * width + a);
    for (int k = kb; k < ke; k++) {
      IntVector packed = IntVector.fromMemorySegment(I, qweight, 4L * ((long) k * words + m), LE);
      FloatVector xk = FloatVector.broadcast(F, x[k]);
      a0 = Int4Vectors.codes(packed, 0).fma(xk, a0);
      a1 = Int4Vectors.codes(packed, 1).fma(xk, a1);
      a2 = Int4Vectors.codes(packed, 2).fma(xk, a2);
      a3 = Int4Vectors.codes(packed, 3).fma(xk, a3);
      a4 = Int4Vectors.codes(packed, 4).fma(xk, a4);
      a5 = Int4Vectors.codes(packed, 5).fma(xk, a5);
      a6 = Int4Vectors.codes(packed, 6).fma(xk, a6);
      a7 = Int4Vectors.codes(packed, 7).fma(xk, a7);
    }
    a0.intoArray(acc, a);
    a1.intoArray(acc, width + a);
    a2.intoArray(acc, 2 * width + a);
    a3.intoArray(acc, 3 * width + a);
    a4.intoArray(acc, 4 * width + a);
    a5.intoArray(acc, 5 * width + a);
    a6.intoArray(acc, 6 * width + a);
    a7.intoArray(acc, 7 * width + a);
  }

  /** Batch, row k, one vector of words at m: {@code acc[b, j, a..] += x[b, k] · q[k, ...]}. */
  private static void awqCodesRowBatched(
      MemorySegment qweight,
      int words,
      int inFeatures,
      float[] x,
      int batch,
      int k,
      int m,
      int a,
      int width,
      float[] acc) {
    IntVector packed = IntVector.fromMemorySegment(I, qweight, 4L * ((long) k * words + m), LE);
    for (int j = 0; j < Int4Codes.PER_WORD; j++) {
      FloatVector q = Int4Vectors.codes(packed, j);
      for (int b = 0; b < batch; b++) {
        int at = (b * Int4Codes.PER_WORD + j) * width + a;
        q.fma(FloatVector.broadcast(F, x[b * inFeatures + k]), FloatVector.fromArray(F, acc, at))
            .intoArray(acc, at);
      }
    }
  }

  /** Words {@code [mv, m1)} of rows {@code [kStart, kEnd)}, dequantized element by element. */
  private static void awqTailWords(
      MemorySegment qweight,
      float[] zerosNm,
      float[] scalesNm,
      int words,
      int inFeatures,
      float[] x,
      int batch,
      int g,
      int kStart,
      int kEnd,
      int m0,
      int mv,
      int m1,
      float[] total) {
    int width = m1 - m0;
    for (int k = kStart; k < kEnd; k++) {
      for (int m = mv; m < m1; m++) {
        int word = qweight.get(ScalarKernels.I32_LE, 4L * ((long) k * words + m));
        for (int j = 0; j < Int4Codes.PER_WORD; j++) {
          int gi = (g * Int4Codes.PER_WORD + j) * words + m;
          float w = (Int4Codes.nibble(word, j) - zerosNm[gi]) * scalesNm[gi];
          for (int b = 0; b < batch; b++) {
            total[(b * Int4Codes.PER_WORD + j) * width + (m - m0)] += w * x[b * inFeatures + k];
          }
        }
      }
    }
  }
}
