package io.acbench.runtime.kernels;

import io.acbench.runtime.quant.Int4Codes;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Plain-loop twins of every fast path in {@link VectorKernels} and {@link GptqKernels} and {@link
 * AwqKernels}: the reference the differential tests compare against, and the fallback for tails.
 * Same signatures, same argument conventions; floats accumulate in float32 in index order.
 */
public final class ScalarKernels {

  static final ValueLayout.OfFloat F32_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfShort I16_LE =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfInt I32_LE =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private ScalarKernels() {}

  // ---- float[] helpers for the transformer -------------------------------------------------

  /** {@code Σ_i a[aOff+i] · b[bOff+i]}, i < n. */
  public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      sum += a[aOff + i] * b[bOff + i];
    }
    return sum;
  }

  /** {@code y[yOff+i] += alpha · x[xOff+i]}, i < n; modifies {@code y}. */
  public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }

  /**
   * RMSNorm (Zhang and Sennrich 2019): {@code out[i] = weight[i] · x[i] / sqrt(mean(x²) + eps)}
   * over one row of n; writes {@code out} (which may be {@code x}).
   */
  public static void rmsnorm(
      float[] out, int outOff, float[] x, int xOff, float[] weight, int n, float eps) {
    float ss = 0f;
    for (int i = 0; i < n; i++) {
      ss += x[xOff + i] * x[xOff + i];
    }
    float inv = (float) (1.0 / Math.sqrt(ss / n + eps));
    for (int i = 0; i < n; i++) {
      out[outOff + i] = weight[i] * (inv * x[xOff + i]);
    }
  }

  /**
   * Softmax in place: {@code x[i] = exp(x[i] − max) / Σ exp(x[j] − max)} over {@code [off, off+n)}.
   */
  public static void softmax(float[] x, int off, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, x[off + i]);
    }
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      x[off + i] = (float) Math.exp(x[off + i] - max);
      sum += x[off + i];
    }
    float inv = 1f / sum;
    for (int i = 0; i < n; i++) {
      x[off + i] *= inv;
    }
  }

  /**
   * SwiGLU gate (Shazeer 2020): {@code gate[i] = silu(gate[i]) · up[i]} with {@code silu(g) = g /
   * (1 + exp(−g))}; modifies {@code gate}.
   */
  public static void siluMul(float[] gate, int gOff, float[] up, int uOff, int n) {
    for (int i = 0; i < n; i++) {
      float g = gate[gOff + i];
      gate[gOff + i] = g / (1f + (float) Math.exp(-g)) * up[uOff + i];
    }
  }

  // ---- dense rows in a MemorySegment (little-endian, possibly unaligned) ----------------------

  /** {@code Σ_i w[i] · x[xOff+i]}, w = n float32 at byte offset {@code wOff}. */
  public static float dotF32(MemorySegment w, long wOff, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      sum += w.get(F32_LE, wOff + 4L * i) * x[xOff + i];
    }
    return sum;
  }

  /** {@code Σ_i bf16(w[i]) · x[xOff+i]}, w = n BF16 at byte offset {@code wOff}. */
  public static float dotBf16(MemorySegment w, long wOff, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      sum += HalfFloats.bf16ToFloat(w.get(I16_LE, wOff + 2L * i)) * x[xOff + i];
    }
    return sum;
  }

  /** {@code Σ_i f16(w[i]) · x[xOff+i]}, w = n F16 at byte offset {@code wOff}. */
  public static float dotF16(MemorySegment w, long wOff, float[] x, int xOff, int n) {
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      sum += HalfFloats.f16ToFloat(w.get(I16_LE, wOff + 2L * i)) * x[xOff + i];
    }
    return sum;
  }

  /** Widens n float32 at byte offset {@code wOff} into {@code dst[dstOff..]}. */
  public static void decodeF32(MemorySegment w, long wOff, float[] dst, int dstOff, int n) {
    for (int i = 0; i < n; i++) {
      dst[dstOff + i] = w.get(F32_LE, wOff + 4L * i);
    }
  }

  /** Widens n BF16 at byte offset {@code wOff} into {@code dst[dstOff..]}. */
  public static void decodeBf16(MemorySegment w, long wOff, float[] dst, int dstOff, int n) {
    for (int i = 0; i < n; i++) {
      dst[dstOff + i] = HalfFloats.bf16ToFloat(w.get(I16_LE, wOff + 2L * i));
    }
  }

  /** Widens n F16 at byte offset {@code wOff} into {@code dst[dstOff..]}. */
  public static void decodeF16(MemorySegment w, long wOff, float[] dst, int dstOff, int n) {
    for (int i = 0; i < n; i++) {
      dst[dstOff + i] = HalfFloats.f16ToFloat(w.get(I16_LE, wOff + 2L * i));
    }
  }

  /**
   * One weight row against a batch: {@code out[outOff + r·outStride] = Σ_i w[wOff+i] · x[xOff +
   * r·xStride + i]} for r < rows.
   */
  public static void dotRows(
      float[] w,
      int wOff,
      int n,
      float[] x,
      int xOff,
      int xStride,
      int rows,
      float[] out,
      int outOff,
      int outStride) {
    for (int r = 0; r < rows; r++) {
      out[outOff + r * outStride] = dot(w, wOff, x, xOff + r * xStride, n);
    }
  }

  // ---- packed int4 ----------------------------------------------------------------------------

  /**
   * GPTQ int4 matmul over output columns {@code [n0, n1)}: {@code out[b, n] = Σ_k x[b, k] ·
   * scales[g, n] · (q[k, n] − zeros[g, n])} with {@code g = gIdx[k]} and {@code q[k, n]} nibble
   * {@code k % 8} of {@code qweight[k / 8, n]}. {@code qweight} is int32 (K/8, N) little-endian,
   * {@code zeros} and {@code scales} are (G, N) floats (zeros already include the v1 "+1"), {@code
   * x} is (batch, K), {@code out} is (batch, N); only columns {@code [n0, n1)} of out are written.
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
    for (int b = 0; b < batch; b++) {
      for (int n = n0; n < n1; n++) {
        float sum = 0f;
        for (int k = 0; k < inFeatures; k++) {
          int word = qweight.get(I32_LE, 4L * ((long) (k >>> 3) * outFeatures + n));
          int g = gIdx[k];
          float w =
              (Int4Codes.nibble(word, k & 7) - zeros[g * outFeatures + n])
                  * scales[g * outFeatures + n];
          sum += x[b * inFeatures + k] * w;
        }
        out[b * outFeatures + n] = sum;
      }
    }
  }

  /**
   * AWQ (AutoAWQ GEMM) int4 matmul over packed words {@code [m0, m1)}, i.e. output channels {@code
   * [8·m0, 8·m1)}: {@code out[b, n] = Σ_k x[b, k] · (q[k, n] − zeros[k/gs, n]) · scales[k/gs, n]}
   * with {@code q[k, 8m + ORDER[j]]} nibble j of {@code qweight[k, m]}. {@code qweight} is int32
   * (K, N/8) little-endian; {@code zeros}, {@code scales} are (G, N) floats in channel order.
   */
  public static void awqMatmul(
      MemorySegment qweight,
      float[] zeros,
      float[] scales,
      int groupSize,
      int inFeatures,
      int outFeatures,
      float[] x,
      int batch,
      float[] out,
      int m0,
      int m1) {
    int words = outFeatures / Int4Codes.PER_WORD;
    for (int b = 0; b < batch; b++) {
      for (int m = m0; m < m1; m++) {
        for (int j = 0; j < Int4Codes.PER_WORD; j++) {
          int n = 8 * m + Int4Codes.awqChannelOfNibble(j);
          float sum = 0f;
          for (int k = 0; k < inFeatures; k++) {
            int word = qweight.get(I32_LE, 4L * ((long) k * words + m));
            int gn = (k / groupSize) * outFeatures + n;
            sum += x[b * inFeatures + k] * ((Int4Codes.nibble(word, j) - zeros[gn]) * scales[gn]);
          }
          out[b * outFeatures + n] = sum;
        }
      }
    }
  }
}
