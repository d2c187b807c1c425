package io.acbench.runtime.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the dense kernels; {@link ScalarKernels} holds the twin of each method
 * (same signature, same contract). Segments are read little-endian and may be unaligned.
 *
 * <p>Half floats are widened in registers: BF16 by a 16-bit left shift, F16 by moving exponent and
 * mantissa to float32 positions and multiplying by 2¹¹² (exact for normals and subnormals), with
 * infinities and NaNs patched by a mask.
 */
public final class VectorKernels {

  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  static final VectorSpecies<Integer> I = F.vectorShape().withLanes(int.class);
  static final VectorSpecies<Short> S =
      VectorShape.forBitSize(F.vectorBitSize() / 2).withLanes(short.class);
  static final int L = F.length();
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
  private static final float TWO_POW_112 = 0x1p112f;

  private VectorKernels() {}

  /** Float lanes per vector on this machine. */
  public static int lanes() {
    return L;
  }

  // ---- float[] helpers for the transformer -------------------------------------------------

  /** {@code Σ_i a[aOff+i] · b[bOff+i]}, i < n. */
  public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      acc0 = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc0);
      acc1 =
          FloatVector.fromArray(F, a, aOff + i + L)
              .fma(FloatVector.fromArray(F, b, bOff + i + L), acc1);
    }
    for (; i + L <= n; i += L) {
      acc0 = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc0);
    }
    float sum = sumLanesInOrder(acc0.add(acc1));
    for (; i < n; i++) {
      sum += a[aOff + i] * b[bOff + i];
    }
    return sum;
  }

  /**
   * The lanes of {@code v} added in lane order. {@code reduceLanes(ADD)} leaves the order open and
   * the interpreter and the JIT-compiled intrinsic do differ, so a value computed early in a run
   * could differ in its last bits from the same value computed later; this one is the same float in
   * every tier (compressions that are interrupted and resumed rely on it).
   */
  static float sumLanesInOrder(FloatVector v) {
    float sum = 0f;
    for (int i = 0; i < L; i++) {
      sum += v.lane(i);
    }
    return sum;
  }

  /** {@code y[yOff+i] += alpha · x[xOff+i]}, i < n; modifies {@code y}. */
  public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    FloatVector a = FloatVector.broadcast(F, alpha);
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector.fromArray(F, x, xOff + i)
          .fma(a, FloatVector.fromArray(F, y, yOff + i))
          .intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }

  /** RMSNorm: {@code out[i] = weight[i] · x[i] / sqrt(mean(x²) + eps)}; out may be x. */
  public static void rmsnorm(
      float[] out, int outOff, float[] x, int xOff, float[] weight, int n, float eps) {
    float ss = dot(x, xOff, x, xOff, n);
    float inv = (float) (1.0 / Math.sqrt(ss / n + eps));
    FloatVector vInv = FloatVector.broadcast(F, inv);
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector.fromArray(F, x, xOff + i)
          .mul(vInv)
          .mul(FloatVector.fromArray(F, weight, i))
          .intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = weight[i] * (inv * x[xOff + i]);
    }
  }

  /**
   * Softmax in place: {@code x[i] = exp(x[i] − max) / Σ exp(x[j] − max)} over {@code [off, off+n)}.
   */
  public static void softmax(float[] x, int off, int n) {
    int i = 0;
    FloatVector vMax = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    for (; i + L <= n; i += L) {
      vMax = vMax.max(FloatVector.fromArray(F, x, off + i));
    }
    float max = vMax.reduceLanes(VectorOperators.MAX);
    for (; i < n; i++) {
      max = Math.max(max, x[off + i]);
    }
    FloatVector m = FloatVector.broadcast(F, max);
    FloatVector vSum = FloatVector.zero(F);
    i = 0;
    for (; i + L <= n; i += L) {
      FloatVector e = FloatVector.fromArray(F, x, off + i).sub(m).lanewise(VectorOperators.EXP);
      e.intoArray(x, off + i);
      vSum = vSum.add(e);
    }
    float sum = vSum.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      x[off + i] = (float) Math.exp(x[off + i] - max);
      sum += x[off + i];
    }
    float inv = 1f / sum;
    FloatVector vInv = FloatVector.broadcast(F, inv);
    i = 0;
    for (; i + L <= n; i += L) {
      FloatVector.fromArray(F, x, off + i).mul(vInv).intoArray(x, off + i);
    }
    for (; i < n; i++) {
      x[off + i] *= inv;
    }
  }

  /** SwiGLU gate: {@code gate[i] = gate[i] / (1 + exp(−gate[i])) · up[i]}; modifies gate. */
  public static void siluMul(float[] gate, int gOff, float[] up, int uOff, int n) {
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector g = FloatVector.fromArray(F, gate, gOff + i);
      FloatVector silu = g.div(g.neg().lanewise(VectorOperators.EXP).add(1f));
      silu.mul(FloatVector.fromArray(F, up, uOff + i)).intoArray(gate, gOff + i);
    }
    for (; i < n; i++) {
      float g = gate[gOff + i];
      gate[gOff + i] = g / (1f + (float) Math.exp(-g)) * up[uOff + i];
    }
  }

  // ---- loads that widen one vector of weights to float32 -------------------------------------

  static FloatVector loadF32(MemorySegment w, long byteOff) {
    return FloatVector.fromMemorySegment(F, w, byteOff, LE);
  }

  static FloatVector loadBf16(MemorySegment w, long byteOff) {
    ShortVector s = ShortVector.fromMemorySegment(S, w, byteOff, LE);
    IntVector i = (IntVector) s.convertShape(VectorOperators.S2I, I, 0);
    return i.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
  }

  static FloatVector loadF16(MemorySegment w, long byteOff) {
    ShortVector s = ShortVector.fromMemorySegment(S, w, byteOff, LE);
    IntVector h = (IntVector) s.convertShape(VectorOperators.ZERO_EXTEND_S2I, I, 0);
    IntVector expMant = h.and(0x7FFF).lanewise(VectorOperators.LSHL, 13);
    IntVector finite = expMant.reinterpretAsFloats().mul(TWO_POW_112).reinterpretAsInts();
    VectorMask<Integer> infOrNan = h.and(0x7C00).compare(VectorOperators.EQ, 0x7C00);
    IntVector magnitude = finite.blend(expMant.or(0x7F800000), infOrNan);
    return magnitude.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
  }

  // ---- dense rows in a MemorySegment ----------------------------------------------------------

  /** {@code Σ_i w[i] · x[xOff+i]}, w = n float32 at byte offset {@code wOff}. */
  public static float dotF32(MemorySegment w, long wOff, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      acc0 = loadF32(w, wOff + 4L * i).fma(FloatVector.fromArray(F, x, xOff + i), acc0);
      acc1 = loadF32(w, wOff + 4L * (i + L)).fma(FloatVector.fromArray(F, x, xOff + i + L), acc1);
    }
    for (; i + L <= n; i += L) {
      acc0 = loadF32(w, wOff + 4L * i).fma(FloatVector.fromArray(F, x, xOff + i), acc0);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    return sum + ScalarKernels.dotF32(w, wOff + 4L * i, x, xOff + i, n - i);
  }

  /** {@code Σ_i bf16(w[i]) · x[xOff+i]}, w = n BF16 at byte offset {@code wOff}. */
  public static float dotBf16(MemorySegment w, long wOff, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      acc0 = loadBf16(w, wOff + 2L * i).fma(FloatVector.fromArray(F, x, xOff + i), acc0);
      acc1 = loadBf16(w, wOff + 2L * (i + L)).fma(FloatVector.fromArray(F, x, xOff + i + L), acc1);
    }
    for (; i + L <= n; i += L) {
      acc0 = loadBf16(w, wOff + 2L * i).fma(FloatVector.fromArray(F, x, xOff + i), acc0);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    return sum + ScalarKernels.dotBf16(w, wOff + 2L * i, x, xOff + i, n - i);
  }

  /** {@code Σ_i f16(w[i]) · x[xOff+i]}, w = n F16 at byte offset {@code wOff}. */
  public static float dotF16(MemorySegment w, long wOff, float[] x, int xOff, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      acc0 = loadF16(w, wOff + 2L * i).fma(FloatVector.fromArray(F, x, xOff + i), acc0);
      acc1 = loadF16(w, wOff + 2L * (i + L)).fma(FloatVector.fromArray(F, x, xOff + i + L), acc1);
    }
    for (; i + L <= n; i += L) {
      acc0 = loadF16(w, wOff + 2L * i).fma(FloatVector.fromArray(F, x, xOff + i), acc0);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    return sum + ScalarKernels.dotF16(w, wOff + 2L * i, x, xOff + i, n - i);
  }

  /** Widens n float32 at byte offset {@code wOff} into {@code dst[dstOff..]}. */
  public static void decodeF32(MemorySegment w, long wOff, float[] dst, int dstOff, int n) {
    int i = 0;
    for (; i + L <= n; i += L) {
      loadF32(w, wOff + 4L * i).intoArray(dst, dstOff + i);
    }
    ScalarKernels.decodeF32(w, wOff + 4L * i, dst, dstOff + i, n - i);
  }

  /** Widens n BF16 at byte offset {@code wOff} into {@code dst[dstOff..]}. */
  public static void decodeBf16(MemorySegment w, long wOff, float[] dst, int dstOff, int n) {
    int i = 0;
    for (; i + L <= n; i += L) {
      loadBf16(w, wOff + 2L * i).intoArray(dst, dstOff + i);
    }
    ScalarKernels.decodeBf16(w, wOff + 2L * i, dst, dstOff + i, n - i);
  }

  /** Widens n F16 at byte offset {@code wOff} into {@code dst[dstOff..]}. */
  public static void decodeF16(MemorySegment w, long wOff, float[] dst, int dstOff, int n) {
    int i = 0;
    for (; i + L <= n; i += L) {
      loadF16(w, wOff + 2L * i).intoArray(dst, dstOff + i);
    }
    ScalarKernels.decodeF16(w, wOff + 2L * i, dst, dstOff + i, n - i);
  }

  /**
   * One weight row against a batch: {@code out[outOff + r·outStride] = Σ_i w[wOff+i] · x[xOff +
   * r·xStride + i]} for r < rows. Rows go four at a time so each weight vector is loaded once per
   * four batch rows; a short last tile repeats its final row rather than branching in the loop.
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
    int r0 = 0;
    for (; r0 + 1 < rows; r0 += 4) {
      int last = rows - 1;
      int x0 = xOff + r0 * xStride;
      int x1 = xOff + Math.min(r0 + 1, last) * xStride;
      int x2 = xOff + Math.min(r0 + 2, last) * xStride;
      int x3 = xOff + Math.min(r0 + 3, last) * xStride;
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = FloatVector.zero(F);
      FloatVector a2 = FloatVector.zero(F);
      FloatVector a3 = FloatVector.zero(F);
      int i = 0;
      for (; i + L <= n; i += L) {
        FloatVector wv = FloatVector.fromArray(F, w, wOff + i);
        a0 = wv.fma(FloatVector.fromArray(F, x, x0 + i), a0);
        a1 = wv.fma(FloatVector.fromArray(F, x, x1 + i), a1);
        a2 = wv.fma(FloatVector.fromArray(F, x, x2 + i), a2);
        a3 = wv.fma(FloatVector.fromArray(F, x, x3 + i), a3);
      }
      float s0 = a0.reduceLanes(VectorOperators.ADD);
      float s1 = a1.reduceLanes(VectorOperators.ADD);
      float s2 = a2.reduceLanes(VectorOperators.ADD);
      float s3 = a3.reduceLanes(VectorOperators.ADD);
      for (; i < n; i++) {
        float wi = w[wOff + i];
        s0 += wi * x[x0 + i];
        s1 += wi * x[x1 + i];
        s2 += wi * x[x2 + i];
        s3 += wi * x[x3 + i];
      }
      float[] sums = {s0, s1, s2, s3};
      for (int t = 0; t < 4 && r0 + t < rows; t++) {
        out[outOff + (r0 + t) * outStride] = sums[t];
      }
    }
    if (r0 < rows) {
      out[outOff + r0 * outStride] = dot(w, wOff, x, xOff + r0 * xStride, n);
    }
  }
}
