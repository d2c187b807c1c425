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
 * <p>All walk the packed rows in storage order (one pass over the weight per call, whatever the
 * batch) and vectorize over the output dimension, which is contiguous in both layouts; each decoded
 * vector is used for every batch row before the next is decoded.
 *
 * <p>{@link #gptqMatmul} (any {@code g_idx}, act-order included) decodes {@code (q − z) · s}, which
 * equals the spec's dequantization exactly ({@code q − z} is an exact small integer in float32).
 * {@link #gptqMatmulGrouped} and {@link #awqMatmul}, for contiguous groups, factor the group out of
 * the inner loop instead; they round differently, within the tolerance of the differential tests.
 */
public final class Int4Kernels {

  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private Int4Kernels() {}

  /**
   * GPTQ: same contract as {@link ScalarKernels#gptqMatmul}, any {@code g_idx}. Columns {@code [n0,
   * n1)} are split into whole vectors, done here, and a tail done by the twin.
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
    // One packed row r holds codes of inputs 8r..8r+7 for every output column.
    for (int r = 0; r < inFeatures / Int4Codes.PER_WORD; r++) {
      for (int n = n0; n < nv; n += L) {
        gptqDequantizedRow(
            qweight, zeros, scales, gIdx, inFeatures, outFeatures, x, batch, out, r, n);
      }
    }
    if (nv < n1) {
      ScalarKernels.gptqMatmul(
          qweight, zeros, scales, gIdx, inFeatures, outFeatures, x, batch, out, nv, n1);
    }
  }

  /**
   * One vector of columns of packed row r: {@code out[b, n..] += Σ_j x[b, 8r+j] · ŵ[8r+j, n..]}.
   */
  private static void gptqDequantizedRow(
      MemorySegment qweight,
      float[] zeros,
      float[] scales,
      int[] gIdx,
      int inFeatures,
      int outFeatures,
      float[] x,
      int batch,
      float[] out,
      int r,
      int n) {
    int k0 = Int4Codes.PER_WORD * r;
    IntVector words =
        IntVector.fromMemorySegment(I, qweight, 4L * ((long) r * outFeatures + n), LE);
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

  /**
   * GPTQ without act-order ({@code g_idx[k] = k / groupSize}, groupSize a multiple of 8): same
   * result as {@link ScalarKernels#gptqMatmul}, with each group factored out of the inner loop:
   * {@code out[n] = Σ_g s[g,n] · (Σ_{k∈g} x_k·q[k,n] − z[g,n] · Σ_{k∈g} x_k)}, so the hot loop is
   * shift, mask, convert and one FMA per code.
   */
  public static void gptqMatmulGrouped(
      MemorySegment qweight,
      float[] zeros,
      float[] scales,
      int groupSize,
      int inFeatures,
      int outFeatures,
      float[] x,
      int batch,
      float[] out,
      int n0,
      int n1) {
    final int per = Int4Codes.PER_WORD;
    int nv = n0 + (n1 - n0) / L * L;
    int width = nv - n0;
    float[] groupAcc = new float[batch * width]; // (batch, width) Σ x·q in this group
    float[] xSum = new float[batch]; // (batch) Σ x over this group's inputs
    for (int b = 0; b < batch; b++) {
      Arrays.fill(out, b * outFeatures + n0, b * outFeatures + nv, 0f);
    }
    int rows = inFeatures / per;
    int rowsPerGroup = groupSize / per;
    for (int r0 = 0; r0 < rows; r0 += rowsPerGroup) {
      int r1 = Math.min(rows, r0 + rowsPerGroup);
      groupSums(x, inFeatures, batch, per * r0, per * r1, xSum);
      // Stage 1: Σ_k x·q over the group, one packed row (eight inputs) at a time.
      for (int r = r0; r < r1; r++) {
        if (batch == 1) {
          gptqCodesRowSingle(qweight, outFeatures, x, r, n0, nv, groupAcc);
        } else {
          gptqCodesRowBatched(qweight, inFeatures, outFeatures, x, batch, r, n0, nv, groupAcc);
        }
      }
      // Stage 2: out += s·(Σ x·q − z·Σ x), then clear the group accumulators.
      int g = r0 / rowsPerGroup;
      for (int n = n0; n < nv; n += L) {
        int gn = g * outFeatures + n;
        for (int b = 0; b < batch; b++) {
          fold(
              scales, zeros, gn, xSum[b], groupAcc, b * width + (n - n0), out, b * outFeatures + n);
        }
      }
      Arrays.fill(groupAcc, 0f);
    }
    // Stage 3: columns that do not fill a vector.
    if (nv < n1) {
      int[] gIdx = new int[inFeatures];
      for (int k = 0; k < inFeatures; k++) {
        gIdx[k] = k / groupSize;
      }
      ScalarKernels.gptqMatmul(
          qweight, zeros, scales, gIdx, inFeatures, outFeatures, x, batch, out, nv, n1);
    }
  }

  /** Batch 1: {@code acc[n − n0] += Σ_j x[8r+j] · q[8r+j, n]} for the vector columns. */
  private static void gptqCodesRowSingle(
      MemorySegment qweight, int outFeatures, float[] x, int r, int n0, int nv, float[] acc) {
    int k0 = Int4Codes.PER_WORD * r;
    long rowOff = 4L * r * outFeatures;
    FloatVector x0 = FloatVector.broadcast(F, x[k0]);
    FloatVector x1 = FloatVector.broadcast(F, x[k0 + 1]);
    FloatVector x2 = FloatVector.broadcast(F, x[k0 + 2]);
    FloatVector x3 = FloatVector.broadcast(F, x[k0 + 3]);
    FloatVector x4 = FloatVector.broadcast(F, x[k0 + 4]);
    FloatVector x5 = FloatVector.broadcast(F, x[k0 + 5]);
    FloatVector x6 = FloatVector.broadcast(F, x[k0 + 6]);
    FloatVector x7 = FloatVector.broadcast(F, x[k0 + 7]);
    for (int n = n0; n < nv; n += L) {
      IntVector packed = IntVector.fromMemorySegment(I, qweight, rowOff + 4L * n, LE);
      FloatVector a = FloatVector.fromArray(F, acc, n - n0);
      a = codes(packed, 0).fma(x0, a);
      a = codes(packed, 1).fma(x1, a);
      a = codes(packed, 2).fma(x2, a);
      a = codes(packed, 3).fma(x3, a);
      a = codes(packed, 4).fma(x4, a);
      a = codes(packed, 5).fma(x5, a);
      a = codes(packed, 6).fma(x6, a);
      a = codes(packed, 7).fma(x7, a);
      a.intoArray(acc, n - n0);
    }
  }

  /** Batch: {@code acc[b, n − n0] += Σ_j x[b, 8r+j] · q[8r+j, n]}; acc is (batch, nv − n0). */
  private static void gptqCodesRowBatched(
      MemorySegment qweight,
      int inFeatures,
      int outFeatures,
      float[] x,
      int batch,
      int r,
      int n0,
      int nv,
      float[] acc) {
    int k0 = Int4Codes.PER_WORD * r;
    long rowOff = 4L * r * outFeatures;
    int width = nv - n0;
    for (int n = n0; n < nv; n += L) {
      IntVector packed = IntVector.fromMemorySegment(I, qweight, rowOff + 4L * n, LE);
      for (int j = 0; j < Int4Codes.PER_WORD; j++) {
        FloatVector q = codes(packed, j);
        for (int b = 0; b < batch; b++) {
          int a = b * width + (n - n0);
          q.fma(
                  FloatVector.broadcast(F, x[b * inFeatures + k0 + j]),
                  FloatVector.fromArray(F, acc, a))
              .intoArray(acc, a);
        }
      }
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
   * vector of packed words and its zeros/scales line up lane for lane. Groups are factored out of
   * the inner loop as in {@link #gptqMatmulGrouped}.
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
      groupSums(x, inFeatures, batch, kStart, kEnd, xSum);
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
            fold(scalesNm, zerosNm, gi, xSum[b], groupAcc, a, total, a);
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
      a0 = codes(packed, 0).fma(xk, a0);
      a1 = codes(packed, 1).fma(xk, a1);
      a2 = codes(packed, 2).fma(xk, a2);
      a3 = codes(packed, 3).fma(xk, a3);
      a4 = codes(packed, 4).fma(xk, a4);
      a5 = codes(packed, 5).fma(xk, a5);
      a6 = codes(packed, 6).fma(xk, a6);
      a7 = codes(packed, 7).fma(xk, a7);
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
      FloatVector q = codes(packed, j);
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

  /** {@code xSum[b] = Σ_{k ∈ [kStart, kEnd)} x[b, k]}. */
  private static void groupSums(
      float[] x, int inFeatures, int batch, int kStart, int kEnd, float[] xSum) {
    for (int b = 0; b < batch; b++) {
      float sum = 0f;
      for (int k = kStart; k < kEnd; k++) {
        sum += x[b * inFeatures + k];
      }
      xSum[b] = sum;
    }
  }

  /** {@code dst[d..] += s[at..] · (acc[a..] − z[at..] · xSum)} for one vector. */
  private static void fold(
      float[] s, float[] z, int at, float xSum, float[] acc, int a, float[] dst, int d) {
    FloatVector scale = FloatVector.fromArray(F, s, at);
    FloatVector centred =
        FloatVector.fromArray(F, acc, a).sub(FloatVector.fromArray(F, z, at).mul(xSum));
    scale.fma(centred, FloatVector.fromArray(F, dst, d)).intoArray(dst, d);
  }

  /** Nibble j of each lane as float: {@code (float) ((words >>> 4j) & 0xF)}. */
  private static FloatVector codes(IntVector words, int j) {
    return (FloatVector)
        words.lanewise(VectorOperators.LSHR, 4 * j).and(0xF).convert(VectorOperators.I2F, 0);
  }

  /** {@code (nibble j of words − zeros[at..]) · scales[at..]} as a float vector. */
  private static FloatVector decode(IntVector words, int j, float[] zeros, float[] scales, int at) {
    return codes(words, j)
        .sub(FloatVector.fromArray(F, zeros, at))
        .mul(FloatVector.fromArray(F, scales, at));
  }
}
