package io.acbench.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import io.acbench.runtime.quant.Int4Codes;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every fast kernel against its {@link ScalarKernels} twin. Sums are compared relative to {@code
 * Σ|aᵢ·bᵢ|}, the scale of their rounding error; element-wise maps relative to the value.
 */
class KernelsDifferentialTest {

  /** Two float32 summation orders of n ≤ 1000 terms differ by far less than this, relative. */
  static final float SUM_REL_TOL = 2e-6f;

  /**
   * Group-factored int4 kernels against the twin, relative to Σ|x|·15·max scale: factoring rounds
   * the partial sums Σ x·q (terms up to 15|x|) instead of the dequantized products.
   */
  static final float INT4_REL_TOL = 1e-5f;

  /** Vector EXP (within a few ulps) against Math.exp rounded to float, relative. */
  static final float EXP_REL_TOL = 1e-6f;

  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfShort I16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** Lengths around the vector width and unroll boundaries, plus a typical hidden size. */
  private static final int[] LENGTHS = {1, 7, 15, 16, 17, 31, 33, 64, 100, 896};

  private final Random random = new Random(42);
  private final Arena arena = Arena.ofAuto();

  private float[] randomFloats(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) random.nextGaussian();
    }
    return a;
  }

  /** A segment that starts two bytes past an 8-byte boundary, as a packed safetensors field may. */
  private MemorySegment unaligned(long bytes) {
    return arena.allocate(bytes + 2, 8).asSlice(2, bytes);
  }

  private static float absDot(float[] a, int aOff, float[] b, int bOff, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.abs(a[aOff + i] * b[bOff + i]);
    }
    return (float) s;
  }

  private static void assertSumClose(float expected, float actual, float scale) {
    assertThat(Math.abs(expected - actual)).isLessThanOrEqualTo(SUM_REL_TOL * scale + 1e-30f);
  }

  @Test
  void floatArrayOpsMatchTwins() {
    for (int n : LENGTHS) {
      float[] a = randomFloats(n + 3);
      float[] b = randomFloats(n + 5);
      assertSumClose(
          ScalarKernels.dot(a, 3, b, 5, n),
          VectorKernels.dot(a, 3, b, 5, n),
          absDot(a, 3, b, 5, n));

      float[] y1 = b.clone();
      float[] y2 = b.clone();
      ScalarKernels.axpy(0.37f, a, 3, y1, 5, n);
      VectorKernels.axpy(0.37f, a, 3, y2, 5, n);
      for (int i = 0; i < y1.length; i++) {
        // One fused rounding against two: apart by at most half an ulp of the product and of
        // the result.
        int xi = i - 5 + 3;
        float product = xi >= 0 && xi < a.length && i >= 5 && i < 5 + n ? 0.37f * a[xi] : 0f;
        assertThat(Math.abs(y2[i] - y1[i]))
            .isLessThanOrEqualTo(Math.ulp(product) + Math.ulp(y1[i]));
      }

      float[] w = randomFloats(n);
      float[] o1 = new float[n + 1];
      float[] o2 = new float[n + 1];
      ScalarKernels.rmsnorm(o1, 1, a, 3, w, n, 1e-6f);
      VectorKernels.rmsnorm(o2, 1, a, 3, w, n, 1e-6f);
      assertElementsClose(o1, o2, SUM_REL_TOL);
    }
  }

  @Test
  void softmaxAndSiluMulMatchTwins() {
    for (int n : LENGTHS) {
      float[] logits = randomFloats(n + 2);
      for (int i = 0; i < logits.length; i++) {
        logits[i] *= 8f;
      }
      float[] s1 = logits.clone();
      float[] s2 = logits.clone();
      ScalarKernels.softmax(s1, 2, n);
      VectorKernels.softmax(s2, 2, n);
      assertElementsClose(s1, s2, EXP_REL_TOL + SUM_REL_TOL);
      assertThat(s2[0]).isEqualTo(logits[0]);

      float[] gate = randomFloats(n + 1);
      float[] up = randomFloats(n);
      float[] g1 = gate.clone();
      float[] g2 = gate.clone();
      ScalarKernels.siluMul(g1, 1, up, 0, n);
      VectorKernels.siluMul(g2, 1, up, 0, n);
      assertElementsClose(g1, g2, 4 * EXP_REL_TOL);
    }
  }

  private static void assertElementsClose(float[] expected, float[] actual, float relTol) {
    for (int i = 0; i < expected.length; i++) {
      float tol = relTol * Math.abs(expected[i]) + 1e-30f;
      assertThat(Math.abs(expected[i] - actual[i])).as("index %d", i).isLessThanOrEqualTo(tol);
    }
  }

  @Test
  void segmentDotsMatchTwinsOnUnalignedData() {
    for (int n : LENGTHS) {
      float[] w = randomFloats(n);
      float[] x = randomFloats(n + 1);
      MemorySegment f32 = unaligned(4L * n);
      MemorySegment bf16 = unaligned(2L * n);
      MemorySegment f16 = unaligned(2L * n);
      float[] wBf16 = new float[n];
      float[] wF16 = new float[n];
      for (int i = 0; i < n; i++) {
        f32.setAtIndex(F32, i, w[i]);
        bf16.setAtIndex(I16, i, HalfFloats.floatToBf16(w[i]));
        f16.setAtIndex(I16, i, HalfFloats.floatToF16(w[i]));
        wBf16[i] = HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(w[i]));
        wF16[i] = Float.float16ToFloat(Float.floatToFloat16(w[i]));
      }
      assertSumClose(
          ScalarKernels.dotF32(f32, 0, x, 1, n),
          VectorKernels.dotF32(f32, 0, x, 1, n),
          absDot(w, 0, x, 1, n));
      assertSumClose(
          ScalarKernels.dotBf16(bf16, 0, x, 1, n),
          VectorKernels.dotBf16(bf16, 0, x, 1, n),
          absDot(wBf16, 0, x, 1, n));
      assertSumClose(
          ScalarKernels.dotF16(f16, 0, x, 1, n),
          VectorKernels.dotF16(f16, 0, x, 1, n),
          absDot(wF16, 0, x, 1, n));

      float[] d = new float[n];
      VectorKernels.decodeF32(f32, 0, d, 0, n);
      assertThat(d).containsExactly(w);
      VectorKernels.decodeBf16(bf16, 0, d, 0, n);
      assertThat(d).containsExactly(wBf16);
      VectorKernels.decodeF16(f16, 0, d, 0, n);
      assertThat(d).containsExactly(wF16);
    }
  }

  @Test
  void vectorF16WideningIsExactForEveryBitPattern() {
    int n = 1 << 16;
    MemorySegment all = unaligned(2L * n);
    for (int i = 0; i < n; i++) {
      all.setAtIndex(I16, i, (short) i);
    }
    float[] scalar = new float[n];
    float[] vector = new float[n];
    ScalarKernels.decodeF16(all, 0, scalar, 0, n);
    VectorKernels.decodeF16(all, 0, vector, 0, n);
    for (int i = 0; i < n; i++) {
      // floatToIntBits folds all NaNs into one, so NaN matches NaN and -0 differs from +0.
      assertThat(Float.floatToIntBits(vector[i]))
          .as("f16 bits 0x%04x", i)
          .isEqualTo(Float.floatToIntBits(scalar[i]))
          .isEqualTo(Float.floatToIntBits(Float.float16ToFloat((short) i)));
    }
  }

  @Test
  void dotRowsMatchesTwinForEveryBatchRemainder() {
    int n = 100;
    float[] w = randomFloats(n + 4);
    for (int rows = 1; rows <= 9; rows++) {
      float[] x = randomFloats(rows * n);
      float[] expected = new float[rows * 3];
      float[] actual = new float[rows * 3];
      ScalarKernels.dotRows(w, 4, n, x, 0, n, rows, expected, 1, 3);
      VectorKernels.dotRows(w, 4, n, x, 0, n, rows, actual, 1, 3);
      for (int r = 0; r < rows; r++) {
        assertSumClose(expected[1 + 3 * r], actual[1 + 3 * r], absDot(w, 4, x, r * n, n));
      }
      // Entries between the strided outputs are untouched.
      assertThat(actual[0]).isZero();
      assertThat(actual[2]).isZero();
    }
  }

  /** A random int4 packed matrix of {@code words} int32 in an unaligned segment. */
  private MemorySegment randomWords(int words) {
    MemorySegment s = unaligned(4L * words);
    for (int i = 0; i < words; i++) {
      s.setAtIndex(I32, i, random.nextInt());
    }
    return s;
  }

  private float[] randomScales(int n) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = 0.01f + 0.05f * random.nextFloat();
    }
    return s;
  }

  private float[] randomZeros(int n) {
    float[] z = new float[n];
    for (int i = 0; i < n; i++) {
      z[i] = 1 + random.nextInt(15);
    }
    return z;
  }

  @Test
  void gptqKernelMatchesTwinWithActOrderAndColumnTails() {
    int k = 64;
    // N = 40 leaves a tail of 8 columns after the vector part for 16 or 32 lanes.
    for (int n : new int[] {40, 64}) {
      int groups = 4;
      MemorySegment qweight = randomWords(k / 8 * n);
      float[] zeros = randomZeros(groups * n);
      float[] scales = randomScales(groups * n);
      int[] gIdx = new int[k];
      for (int i = 0; i < k; i++) {
        gIdx[i] = random.nextInt(groups);
      }
      for (int batch : new int[] {1, 3, 8}) {
        float[] x = randomFloats(batch * k);
        float[] expected = new float[batch * n];
        float[] actual = new float[batch * n];
        Arrays.fill(actual, Float.NaN);
        ScalarKernels.gptqMatmul(qweight, zeros, scales, gIdx, k, n, x, batch, expected, 0, n);
        GptqKernels.gptqMatmul(qweight, zeros, scales, gIdx, k, n, x, batch, actual, 0, n);
        assertInt4Close(expected, actual, x, k, n, batch, scales, SUM_REL_TOL);
      }
    }
  }

  @Test
  void groupedGptqKernelMatchesTwinForWholeAndPartialGroups() {
    int k = 80;
    // gs 32 leaves a last group of 16 inputs; gs 80 is one group; N = 40 leaves a column tail.
    for (int gs : new int[] {32, 80}) {
      int n = 40;
      int groups = Math.ceilDiv(k, gs);
      MemorySegment qweight = randomWords(k / 8 * n);
      float[] zeros = randomZeros(groups * n);
      float[] scales = randomScales(groups * n);
      int[] gIdx = new int[k];
      for (int i = 0; i < k; i++) {
        gIdx[i] = i / gs;
      }
      for (int batch : new int[] {1, 3, 8}) {
        float[] x = randomFloats(batch * k);
        float[] expected = new float[batch * n];
        float[] actual = new float[batch * n];
        Arrays.fill(actual, Float.NaN);
        ScalarKernels.gptqMatmul(qweight, zeros, scales, gIdx, k, n, x, batch, expected, 0, n);
        GptqKernels.gptqMatmulGrouped(qweight, zeros, scales, gs, k, n, x, batch, actual, 0, n);
        assertInt4Close(expected, actual, x, k, n, batch, scales, INT4_REL_TOL);
      }
    }
  }

  @Test
  void awqKernelMatchesTwinOnAllWordsAndASubRange() {
    // K = 52, gs = 16: a last group of 4 rows, and blocks of eight rows cut at group ends.
    int k = 52;
    int gs = 16;
    // N/8 = 20 words: a vector part and a tail of 4 (16 lanes) or 20 (32 lanes) words.
    int n = 160;
    int groups = Math.ceilDiv(k, gs);
    MemorySegment qweight = randomWords(k * n / 8);
    float[] zeros = new float[groups * n];
    for (int i = 0; i < zeros.length; i++) {
      zeros[i] = random.nextInt(16);
    }
    float[] scales = randomScales(groups * n);
    float[] zerosNm = AwqKernels.awqNibbleMajor(zeros, groups, n);
    float[] scalesNm = AwqKernels.awqNibbleMajor(scales, groups, n);
    for (int batch : new int[] {1, 3, 8}) {
      float[] x = randomFloats(batch * k);
      float[] expected = new float[batch * n];
      float[] actual = new float[batch * n];
      ScalarKernels.awqMatmul(qweight, zeros, scales, gs, k, n, x, batch, expected, 0, n / 8);
      AwqKernels.awqMatmul(qweight, zerosNm, scalesNm, gs, k, n, x, batch, actual, 0, n / 8);
      assertInt4Close(expected, actual, x, k, n, batch, scales, INT4_REL_TOL);

      float[] partial = new float[batch * n];
      AwqKernels.awqMatmul(qweight, zerosNm, scalesNm, gs, k, n, x, batch, partial, 2, 5);
      float[] expectedPartial = new float[batch * n];
      for (int b = 0; b < batch; b++) {
        // Words 2..4 are channels 16..39; the rest of out is left as it was.
        System.arraycopy(expected, b * n + 16, expectedPartial, b * n + 16, 24);
      }
      assertInt4Close(expectedPartial, partial, x, k, n, batch, scales, INT4_REL_TOL);
      assertThat(partial[15]).isZero();
      assertThat(partial[40]).isZero();
    }
  }

  @Test
  void awqNibbleMajorPlacesChannelOrderJOfWordMAtRowJ() {
    float[] src = new float[16];
    for (int i = 0; i < 16; i++) {
      src[i] = i;
    }
    // Word 0 = channels 0..7, word 1 = 8..15; row j lists channel ORDER[j] of each word.
    assertThat(AwqKernels.awqNibbleMajor(src, 1, 16))
        .containsExactly(0, 8, 2, 10, 4, 12, 6, 14, 1, 9, 3, 11, 5, 13, 7, 15);
    assertThat(Int4Codes.awqChannelOfNibble(1)).isEqualTo(2);
  }

  /** Bounds the error by relTol · Σ_k |x[b,k]| · 15 · max scale, the size of the summed terms. */
  private static void assertInt4Close(
      float[] expected,
      float[] actual,
      float[] x,
      int k,
      int n,
      int batch,
      float[] scales,
      float relTol) {
    float maxScale = 0;
    for (float s : scales) {
      maxScale = Math.max(maxScale, s);
    }
    for (int b = 0; b < batch; b++) {
      float absX = 0;
      for (int i = 0; i < k; i++) {
        absX += Math.abs(x[b * k + i]);
      }
      for (int c = 0; c < n; c++) {
        assertThat(Math.abs(expected[b * n + c] - actual[b * n + c]))
            .as("batch %d column %d", b, c)
            .isLessThanOrEqualTo(relTol * absX * 15 * maxScale);
      }
    }
  }
}
