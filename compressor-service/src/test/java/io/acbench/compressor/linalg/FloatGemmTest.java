package io.acbench.compressor.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FloatGemm}'s vector path against its scalar twin. */
class FloatGemmTest {

  /**
   * Float sums in a different order: per entry, relative to {@code Σ_p |A[i][p]·B[p][j]|} (the size
   * of the terms), a few ulps per {@code sqrt(k)}.
   */
  static final double FLOAT_GEMM_TOLERANCE = 1e-5;

  @Test
  void matchesTheScalarTwinWithRowColumnAndDepthTails() {
    SplittableRandom rnd = new SplittableRandom(12);
    int lanes = FloatGemm.L;
    int[][] shapes = {
      {1, 1, 1},
      {5, 2 * lanes, 3},
      {7, 2 * lanes + 5, FloatGemm.K_CHUNK + 9},
      {13, 6 * lanes, 2 * FloatGemm.K_CHUNK},
      {4, lanes - 1, 17},
      {19, 3 * FloatGemm.PANEL_WIDTH + 3, 40}
    };
    for (int[] s : shapes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      float[] A = random(rnd, m * k);
      float[] B = random(rnd, k * n);
      float[] expected = new float[m * n];
      FloatGemm.multiplyScalar(A, B, expected, m, n, k);
      float[] C = random(rnd, m * n); // overwritten
      FloatGemm.Panels packed = FloatGemm.Panels.pack(B, k, n);
      FloatGemm.multiply(A, packed, C, m, 0, n);
      assertClose(A, B, C, expected, m, n, k);
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < n; j++) {
          assertThat(packed.get(p, j)).isEqualTo(B[p * n + j]);
        }
      }
      int w = FloatGemm.PANEL_WIDTH;
      if (n > w) {
        // a column band leaves the other columns untouched
        float[] band = new float[m * n];
        java.util.Arrays.fill(band, 7f);
        FloatGemm.multiply(A, packed, band, m, w, n);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < w; j++) {
            assertThat(band[i * n + j]).isEqualTo(7f);
          }
          for (int j = w; j < n; j++) {
            assertThat(band[i * n + j]).isEqualTo(C[i * n + j]);
          }
        }
      }
    }
  }

  @Test
  void rejectsAColumnBandThatDoesNotStartOnAPanel() {
    int n = 2 * FloatGemm.PANEL_WIDTH;
    FloatGemm.Panels packed = FloatGemm.Panels.pack(new float[3 * n], 3, n);
    float[] C = new float[2 * n];
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> FloatGemm.multiply(new float[6], packed, C, 2, 1, n))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not panel-aligned");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> FloatGemm.Panels.pack(new float[5], 2, 3))
        .hasMessageContaining("(2, 3) needs 6");
  }

  static void assertClose(float[] A, float[] B, float[] C, float[] expected, int m, int n, int k) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double scale = 0;
        for (int p = 0; p < k; p++) {
          scale += Math.abs((double) A[i * k + p] * B[p * n + j]);
        }
        assertThat(Math.abs((double) C[i * n + j] - expected[i * n + j]))
            .as("(%d, %d) of %dx%dx%d", i, j, m, n, k)
            .isLessThanOrEqualTo(FLOAT_GEMM_TOLERANCE * scale);
      }
    }
  }

  static float[] random(SplittableRandom rnd, int len) {
    float[] x = new float[len];
    for (int i = 0; i < len; i++) {
      x[i] = (float) rnd.nextDouble(-1, 1);
    }
    return x;
  }
}
