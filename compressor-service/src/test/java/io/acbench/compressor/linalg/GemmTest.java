package io.acbench.compressor.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Gemm}'s vector and parallel paths against its scalar twin. */
class GemmTest {

  /** Summation order differs; relative to the largest |C| entry. */
  static final double GEMM_TOLERANCE = 1e-13;

  @Test
  void vectorAndParallelPathsMatchTheScalarTwinOnSubMatricesWithTails() {
    SplittableRandom rnd = new SplittableRandom(11);
    // shapes with row tails (m mod 4), column tails (n mod 2·lanes) and offsets into larger arrays
    int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {4, 16, 3}, {7, 37, 19}, {33, 70, 129}, {130, 131, 64}};
    for (int[] s : shapes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      int lda = k + 3;
      int ldb = n + 5;
      int ldc = n + 2;
      double[] a = random(rnd, 2 + m * lda);
      double[] b = random(rnd, 1 + k * ldb);
      double[] c0 = random(rnd, 3 + m * ldc);
      double[] expected = c0.clone();
      Gemm.multiplyAddScalar(-0.75, a, 2, lda, b, 1, ldb, expected, 3, ldc, m, n, k);
      double[] vector = c0.clone();
      Gemm.multiplyAdd(-0.75, a, 2, lda, b, 1, ldb, vector, 3, ldc, m, n, k);
      double[] parallel = c0.clone();
      Gemm.multiplyAddParallel(-0.75, a, 2, lda, b, 1, ldb, parallel, 3, ldc, m, n, k);
      assertClose(vector, expected, "vector " + m + "x" + n + "x" + k);
      assertClose(parallel, expected, "parallel " + m + "x" + n + "x" + k);
      // outside the (m, n) window nothing changes
      for (int i = 0; i < 3; i++) {
        assertThat(vector[i]).isEqualTo(c0[i]);
      }
      for (int i = 0; i < m; i++) {
        for (int j = n; j < ldc && 3 + i * ldc + j < c0.length; j++) {
          assertThat(vector[3 + i * ldc + j]).isEqualTo(c0[3 + i * ldc + j]);
        }
      }
    }
  }

  static double[] random(SplittableRandom rnd, int len) {
    double[] x = new double[len];
    for (int i = 0; i < len; i++) {
      x[i] = rnd.nextDouble(-1, 1);
    }
    return x;
  }

  static void assertClose(double[] actual, double[] expected, String what) {
    double max = 0;
    for (double e : expected) {
      max = Math.max(max, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      assertThat(Math.abs(actual[i] - expected[i]))
          .as("%s at %d", what, i)
          .isLessThanOrEqualTo(GEMM_TOLERANCE * Math.max(max, 1.0));
    }
  }
}
