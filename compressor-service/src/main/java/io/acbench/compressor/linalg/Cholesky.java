package io.acbench.compressor.linalg;

/**
 * Dense Cholesky factorisation and the inverses GPTQ and SparseGPT need, in double precision on
 * row-major {@code n × n} arrays. Plain scalar loops: this is the reference twin for any faster
 * kernel added later.
 */
public final class Cholesky {

  private Cholesky() {}

  /**
   * Lower factor {@code L} with {@code A = L·Lᵀ}. {@code A} is read (lower triangle only) and not
   * modified.
   *
   * @return a fresh {@code (n, n)} array, upper triangle zero, or {@code null} when {@code A} is
   *     not positive definite (a pivot is not strictly positive or not finite)
   */
  public static double[] lower(double[] A, int n) {
    double[] L = new double[n * n]; // (n, n)
    for (int i = 0; i < n; i++) {
      int rowI = i * n;
      for (int j = 0; j <= i; j++) {
        int rowJ = j * n;
        double sum = A[rowI + j];
        for (int k = 0; k < j; k++) {
          sum -= L[rowI + k] * L[rowJ + k];
        }
        if (i == j) {
          if (!(sum > 0) || !Double.isFinite(sum)) {
            return null;
          }
          L[rowI + i] = Math.sqrt(sum);
        } else {
          L[rowI + j] = sum / L[rowJ + j];
        }
      }
    }
    return L;
  }

  /**
   * Inverse of a lower-triangular matrix, by forward substitution column by column: {@code
   * Linv[i][j] = −(Σ_{k=j}^{i−1} L[i][k]·Linv[k][j]) / L[i][i]}, {@code Linv[j][j] = 1/L[j][j]}.
   * {@code L} is not modified.
   */
  public static double[] lowerInverse(double[] L, int n) {
    double[] Linv = new double[n * n]; // (n, n), lower triangular
    double[] col = new double[n]; // (n): column j of Linv, contiguous for the inner sums
    for (int j = 0; j < n; j++) {
      java.util.Arrays.fill(col, 0.0);
      col[j] = 1.0 / L[j * n + j];
      for (int i = j + 1; i < n; i++) {
        int rowI = i * n;
        double sum = 0.0;
        for (int k = j; k < i; k++) {
          sum += L[rowI + k] * col[k];
        }
        col[i] = -sum / L[rowI + i];
      }
      for (int i = j; i < n; i++) {
        Linv[i * n + j] = col[i];
      }
    }
    return Linv;
  }

  /**
   * {@code (L·Lᵀ)⁻¹ = L⁻ᵀ·L⁻¹} from the lower Cholesky factor (PyTorch {@code cholesky_inverse}).
   * {@code L} is not modified; the result is a fresh symmetric {@code (n, n)} array.
   */
  public static double[] inverseFromLower(double[] L, int n) {
    double[] Linv = lowerInverse(L, n); // (n, n)
    double[] inv = new double[n * n]; // (n, n)
    // inv[i][j] = Σ_{k ≥ max(i,j)} Linv[k][i]·Linv[k][j]; accumulate row k of Linv as an outer
    // product so the inner loop runs over contiguous memory.
    for (int k = 0; k < n; k++) {
      int rowK = k * n;
      for (int i = 0; i <= k; i++) {
        double a = Linv[rowK + i];
        if (a == 0.0) {
          continue;
        }
        int rowI = i * n;
        for (int j = i; j <= k; j++) {
          inv[rowI + j] += a * Linv[rowK + j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        inv[i * n + j] = inv[j * n + i];
      }
    }
    return inv;
  }

  /**
   * Upper factor {@code U} with {@code A = Uᵀ·U} (PyTorch {@code cholesky(A, upper=True)}), i.e.
   * the transpose of {@link #lower}. {@code A} is not modified.
   *
   * @return a fresh {@code (n, n)} array, or {@code null} when {@code A} is not positive definite
   */
  public static double[] upper(double[] A, int n) {
    double[] L = lower(A, n);
    if (L == null) {
      return null;
    }
    double[] U = new double[n * n]; // (n, n)
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        U[j * n + i] = L[i * n + j];
      }
    }
    return U;
  }
}
