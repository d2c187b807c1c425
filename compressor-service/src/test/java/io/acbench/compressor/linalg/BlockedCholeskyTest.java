package io.acbench.compressor.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockedCholesky} against its scalar twin {@link Cholesky} on seeded random matrices whose
 * size is not a multiple of the block width, well and ill conditioned.
 */
class BlockedCholeskyTest {

  /** Well-conditioned (cond ≈ 10): entry-wise difference relative to the largest entry. */
  static final double WELL_CONDITIONED_TOLERANCE = 1e-11;

  /**
   * Ill-conditioned (cond ≈ 1e8): the factors agree to about cond·ε relative to the largest entry;
   * the inverse to cond²·ε relative to its largest entry is the classical bound, far looser in
   * practice.
   */
  static final double ILL_CONDITIONED_TOLERANCE = 1e-6;

  /** {@code ‖L·Lᵀ − A‖_max / ‖A‖_max} of a backward-stable factorisation. */
  static final double RESIDUAL_TOLERANCE = 1e-13;

  private static final int N = 2 * BlockedCholesky.NB + 37;

  @Test
  void matchesTheScalarTwinOnAWellConditionedMatrix() {
    double[] A = spd(N, 1.0, 21);
    compareAll(A, N, WELL_CONDITIONED_TOLERANCE);
  }

  @Test
  void matchesTheScalarTwinOnAnIllConditionedMatrix() {
    double[] A = spd(N, 1e-8, 22);
    compareAll(A, N, ILL_CONDITIONED_TOLERANCE);
    assertThat(residual(BlockedCholesky.lower(A, N), A, N)).isLessThan(RESIDUAL_TOLERANCE);
  }

  @Test
  void smallMatricesInsideOneBlockAlsoMatch() {
    for (int n : new int[] {1, 2, 5, BlockedCholesky.NB, BlockedCholesky.NB + 1}) {
      compareAll(spd(n, 0.1, 30 + n), n, WELL_CONDITIONED_TOLERANCE);
    }
  }

  @Test
  void rejectsMatricesThatAreNotPositiveDefiniteLikeTheTwin() {
    // a negative eigenvalue that only shows in the second block, and a NaN in the trailing part
    double[] A = spd(N, 1.0, 23);
    int i = BlockedCholesky.NB + 5;
    A[i * N + i] = -50;
    assertThat(Cholesky.lower(A, N)).isNull();
    assertThat(BlockedCholesky.lower(A, N)).isNull();
    assertThat(BlockedCholesky.upper(A, N)).isNull();
    double[] B = spd(N, 1.0, 24);
    B[(N - 1) * N + 3] = Double.NaN;
    assertThat(Cholesky.lower(B, N)).isNull();
    assertThat(BlockedCholesky.lower(B, N)).isNull();
  }

  @Test
  void theDampedInverseFactorIsTheSameWithEitherKernels() {
    double[] H = spd(N, 1e-6, 25);
    HessianInverse.Factor vector = HessianInverse.upperFactor(H, N, 0.01, 3, Kernels.VECTOR);
    HessianInverse.Factor scalar = HessianInverse.upperFactor(H, N, 0.01, 3, Kernels.SCALAR);
    assertThat(vector.damp()).isEqualTo(scalar.damp());
    assertThat(vector.retries()).isEqualTo(scalar.retries());
    assertClose(vector.U(), scalar.U(), WELL_CONDITIONED_TOLERANCE * 100, "U");
  }

  private static void compareAll(double[] A, int n, double tol) {
    double[] L = Cholesky.lower(A, n);
    double[] Lb = BlockedCholesky.lower(A, n);
    assertClose(Lb, L, tol, "lower");
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        assertThat(Lb[i * n + j]).isZero();
      }
    }
    assertClose(BlockedCholesky.lowerInverse(L, n), Cholesky.lowerInverse(L, n), tol, "Linv");
    assertClose(
        BlockedCholesky.inverseFromLower(L, n), Cholesky.inverseFromLower(L, n), tol, "inverse");
    assertClose(BlockedCholesky.upper(A, n), Cholesky.upper(A, n), tol, "upper");
  }

  /** {@code Qᵀ·diag(λ)·Q} with λ spread log-uniformly over {@code [minEig, 1]}, Q orthogonal. */
  static double[] spd(int n, double minEig, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] Q = new double[n * n]; // rows orthonormalised by Gram–Schmidt
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        Q[i * n + j] = rnd.nextDouble(-1, 1);
      }
      for (int pass = 0; pass < 2; pass++) {
        for (int p = 0; p < i; p++) {
          double d = 0;
          for (int j = 0; j < n; j++) {
            d += Q[i * n + j] * Q[p * n + j];
          }
          for (int j = 0; j < n; j++) {
            Q[i * n + j] -= d * Q[p * n + j];
          }
        }
      }
      double norm = 0;
      for (int j = 0; j < n; j++) {
        norm += Q[i * n + j] * Q[i * n + j];
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < n; j++) {
        Q[i * n + j] /= norm;
      }
    }
    double[] A = new double[n * n];
    for (int p = 0; p < n; p++) {
      double lambda = n == 1 ? 1.0 : Math.pow(minEig, (double) p / (n - 1));
      for (int i = 0; i < n; i++) {
        double qi = lambda * Q[p * n + i];
        for (int j = 0; j < n; j++) {
          A[i * n + j] += qi * Q[p * n + j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        A[i * n + j] = A[j * n + i];
      }
    }
    return A;
  }

  private static double residual(double[] L, double[] A, int n) {
    double max = 0;
    double maxA = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += L[i * n + k] * L[j * n + k];
        }
        max = Math.max(max, Math.abs(s - A[i * n + j]));
        maxA = Math.max(maxA, Math.abs(A[i * n + j]));
      }
    }
    return max / maxA;
  }

  static void assertClose(double[] actual, double[] expected, double tol, String what) {
    assertThat(actual).hasSameSizeAs(expected);
    double max = 0;
    for (double e : expected) {
      max = Math.max(max, Math.abs(e));
    }
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    }
    assertThat(worst / max).as("%s: max |Δ| / max |expected|", what).isLessThanOrEqualTo(tol);
  }
}
