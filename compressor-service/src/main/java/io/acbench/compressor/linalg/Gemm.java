package io.acbench.compressor.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double-precision matrix product update {@code C ← C + α·A·B} on row-major sub-matrices, the
 * kernel under the blocked Cholesky, the Hessian accumulation and the GPTQ/SparseGPT lazy updates.
 * {@link #multiplyAddScalar} is its plain-loop twin (same contract), the reference of the
 * differential tests.
 *
 * <p>{@code C[i][j] += α·Σ_{p<k} A[i][p]·B[p][j]} for {@code i < m}, {@code j < n}, with {@code
 * A[i][p] = a[aOff + i·lda + p]}, {@code B[p][j] = b[bOff + p·ldb + j]}, {@code C[i][j] = c[cOff +
 * i·ldc + j]}. The vector path keeps a 4 × 2-vector tile of C in registers while it runs over
 * {@code p} (one broadcast of {@code A[i][p]} per row, two loads of {@code B[p][j..]} per step, 8
 * fused multiply-adds), and goes over column strips first so a strip of B stays in L1 across the
 * rows. The sum over {@code p} is formed first and then added, so results differ from the twin by
 * summation-order rounding only.
 */
public final class Gemm {

  static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  static final int L = D.length();
  private static final int ROWS = 4;
  private static final int COLS = 2 * L;
  private static final long PARALLEL_MIN_MACS = 1L << 18;

  private Gemm() {}

  /** Vector path of {@code C ← C + α·A·B} (see the class comment for the layout). */
  public static void multiplyAdd(
      double alpha,
      double[] a,
      int aOff,
      int lda,
      double[] b,
      int bOff,
      int ldb,
      double[] c,
      int cOff,
      int ldc,
      int m,
      int n,
      int k) {
    if (m <= 0 || n <= 0 || k <= 0) {
      return;
    }
    int j0 = 0;
    for (; j0 + COLS <= n; j0 += COLS) {
      int i0 = 0;
      for (; i0 + ROWS <= m; i0 += ROWS) {
        tile4x2(alpha, a, aOff + i0 * lda, lda, b, bOff + j0, ldb, c, cOff + i0 * ldc + j0, ldc, k);
      }
      for (; i0 < m; i0++) {
        tile1x2(alpha, a, aOff + i0 * lda, b, bOff + j0, ldb, c, cOff + i0 * ldc + j0, k);
      }
    }
    if (j0 < n) {
      multiplyAddScalar(alpha, a, aOff, lda, b, bOff + j0, ldb, c, cOff + j0, ldc, m, n - j0, k);
    }
  }

  /**
   * {@link #multiplyAdd} with the rows of C split over the shared thread pool (each thread owns a
   * band of rows, so no two threads write the same element).
   */
  public static void multiplyAddParallel(
      double alpha,
      double[] a,
      int aOff,
      int lda,
      double[] b,
      int bOff,
      int ldb,
      double[] c,
      int cOff,
      int ldc,
      int m,
      int n,
      int k) {
    if ((long) m * n * k < PARALLEL_MIN_MACS) {
      multiplyAdd(alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, m, n, k);
      return;
    }
    Parallel.range(
        m,
        ROWS,
        (i0, i1) ->
            multiplyAdd(
                alpha,
                a,
                aOff + i0 * lda,
                lda,
                b,
                bOff,
                ldb,
                c,
                cOff + i0 * ldc,
                ldc,
                i1 - i0,
                n,
                k));
  }

  private static void tile4x2(
      double alpha,
      double[] a,
      int a0,
      int lda,
      double[] b,
      int b0,
      int ldb,
      double[] c,
      int c0,
      int ldc,
      int k) {
    DoubleVector s00 = DoubleVector.zero(D);
    DoubleVector s01 = DoubleVector.zero(D);
    DoubleVector s10 = DoubleVector.zero(D);
    DoubleVector s11 = DoubleVector.zero(D);
    DoubleVector s20 = DoubleVector.zero(D);
    DoubleVector s21 = DoubleVector.zero(D);
    DoubleVector s30 = DoubleVector.zero(D);
    DoubleVector s31 = DoubleVector.zero(D);
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * ldb;
      DoubleVector v0 = DoubleVector.fromArray(D, b, bp);
      DoubleVector v1 = DoubleVector.fromArray(D, b, bp + L);
      DoubleVector x0 = DoubleVector.broadcast(D, a[a0 + p]);
      s00 = v0.fma(x0, s00);
      s01 = v1.fma(x0, s01);
      DoubleVector x1 = DoubleVector.broadcast(D, a[a1 + p]);
      s10 = v0.fma(x1, s10);
      s11 = v1.fma(x1, s11);
      DoubleVector x2 = DoubleVector.broadcast(D, a[a2 + p]);
      s20 = v0.fma(x2, s20);
      s21 = v1.fma(x2, s21);
      DoubleVector x3 = DoubleVector.broadcast(D, a[a3 + p]);
      s30 = v0.fma(x3, s30);
      s31 = v1.fma(x3, s31);
    }
    addInto(c, c0, s00, s01, alpha);
    addInto(c, c0 + ldc, s10, s11, alpha);
    addInto(c, c0 + 2 * ldc, s20, s21, alpha);
    addInto(c, c0 + 3 * ldc, s30, s31, alpha);
  }

  private static void tile1x2(
      double alpha, double[] a, int a0, double[] b, int b0, int ldb, double[] c, int c0, int k) {
    DoubleVector s0 = DoubleVector.zero(D);
    DoubleVector s1 = DoubleVector.zero(D);
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * ldb;
      DoubleVector x = DoubleVector.broadcast(D, a[a0 + p]);
      s0 = DoubleVector.fromArray(D, b, bp).fma(x, s0);
      s1 = DoubleVector.fromArray(D, b, bp + L).fma(x, s1);
    }
    addInto(c, c0, s0, s1, alpha);
  }

  private static void addInto(double[] c, int off, DoubleVector s0, DoubleVector s1, double alpha) {
    DoubleVector a = DoubleVector.broadcast(D, alpha);
    s0.fma(a, DoubleVector.fromArray(D, c, off)).intoArray(c, off);
    s1.fma(a, DoubleVector.fromArray(D, c, off + L)).intoArray(c, off + L);
  }

  /**
   * Scalar twin of {@link #multiplyAdd}: {@code C[i][j] += α·Σ_p A[i][p]·B[p][j]}, the sum over
   * {@code p} formed in index order, then scaled and added.
   */
  public static void multiplyAddScalar(
      double alpha,
      double[] a,
      int aOff,
      int lda,
      double[] b,
      int bOff,
      int ldb,
      double[] c,
      int cOff,
      int ldc,
      int m,
      int n,
      int k) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0.0;
        for (int p = 0; p < k; p++) {
          sum += a[aOff + i * lda + p] * b[bOff + p * ldb + j];
        }
        c[cOff + i * ldc + j] += alpha * sum;
      }
    }
  }
}
