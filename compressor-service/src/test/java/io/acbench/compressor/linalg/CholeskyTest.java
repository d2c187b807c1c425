package io.acbench.compressor.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CholeskyTest {

  @Test
  void factorsAHandComputedMatrix() {
    // A = L·Lᵀ with L = [[2, 0, 0], [1, 3, 0], [−1, 2, 1]].
    double[] A = {4, 2, -2, 2, 10, 5, -2, 5, 6};
    double[] L = Cholesky.lower(A, 3);
    assertThat(L).containsExactly(new double[] {2, 0, 0, 1, 3, 0, -1, 2, 1}, within(1e-12));
    assertThat(Cholesky.upper(A, 3))
        .containsExactly(new double[] {2, 1, -1, 0, 3, 2, 0, 0, 1}, within(1e-12));
  }

  @Test
  void inverseFromLowerInvertsTheMatrix() {
    double[] A = {4, 2, -2, 2, 10, 5, -2, 5, 6};
    double[] inv = Cholesky.inverseFromLower(Cholesky.lower(A, 3), 3);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += A[i * 3 + k] * inv[k * 3 + j];
        }
        assertThat(s).isCloseTo(i == j ? 1.0 : 0.0, within(1e-12));
      }
    }
  }

  @Test
  void rejectsMatricesThatAreNotPositiveDefinite() {
    assertThat(Cholesky.lower(new double[] {1, 2, 2, 1}, 2)).isNull();
    assertThat(Cholesky.lower(new double[] {0, 0, 0, 1}, 2)).isNull();
    assertThat(Cholesky.lower(new double[] {Double.NaN, 0, 0, 1}, 2)).isNull();
  }

  @Test
  void upperFactorOfTheDampedInverseSatisfiesUtU() {
    double[] H = {4, 2, -2, 2, 10, 5, -2, 5, 6};
    HessianInverse.Factor f = HessianInverse.upperFactor(H, 3, 0.01, 3);
    double damp = 0.01 * (4 + 10 + 6) / 3.0;
    assertThat(f.damp()).isCloseTo(damp, within(1e-15));
    double[] U = f.U();
    // (H + damp·I)·UᵀU = I
    double[] UtU = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          UtU[i * 3 + j] += U[k * 3 + i] * U[k * 3 + j];
        }
        if (j < i) {
          assertThat(U[i * 3 + j]).isZero();
        }
      }
    }
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += (H[i * 3 + k] + (i == k ? damp : 0)) * UtU[k * 3 + j];
        }
        assertThat(s).isCloseTo(i == j ? 1.0 : 0.0, within(1e-12));
      }
    }
  }
}
