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
 * Vector API GPTQ int4 matmuls (Frantar et al. 2022; AutoGPTQ v1 layout, compression-spec §5.2)
 * that dequantize on the fly, with no dense copy of the weight. Twin: {@link
 * ScalarKernels#gptqMatmul}.
 *
 * <p>Both walk the packed rows in storage order (one pass over the weight per call, whatever the
 * batch) and vectorize over the output dimension, which is contiguous in {@code qweight}; each
 * decoded vector is used for every batch row before the next is decoded. {@link #gptqMatmul} (any
 * {@code g_idx}, act-order included) decodes {@code (q − z) · s}, equal to the spec's
 * dequantization exactly ({@code q − z} is an exact small integer in float32). {@link
 * #gptqMatmulGrouped}, for contiguous groups, factors the group out of the inner loop instead and
 * rounds differently, within the tolerance of the differential tests.
 */
public final class GptqKernels {

  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private GptqKernels() {}

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
      FloatVector w = Int4Vectors.decode(words, j, zeros, scales, gn);
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
      Int4Vectors.groupSums(x, inFeatures, batch, per * r0, per * r1, xSum);
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
          Int4Vectors.fold(
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
      a = Int4Vectors.codes(packed, 0).fma(x0, a);
      a = Int4Vectors.codes(packed, 1).fma(x1, a);
      a = Int4Vectors.codes(packed, 2).fma(x2, a);
      a = Int4Vectors.codes(packed, 3).fma(x3, a);
      a = Int4Vectors.codes(packed, 4).fma(x4, a);
      a = Int4Vectors.codes(packed, 5).fma(x5, a);
      a = Int4Vectors.codes(packed, 6).fma(x6, a);
      a = Int4Vectors.codes(packed, 7).fma(x7, a);
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
        FloatVector q = Int4Vectors.codes(packed, j);
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
}
