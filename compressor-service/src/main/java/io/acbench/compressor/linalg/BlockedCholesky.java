package io.acbench.compressor.linalg;

import java.util.Arrays;

/**
 * Blocked, vectorised and multi-threaded versions of {@link Cholesky}'s four operations, same
 * contracts (double precision, row-major {@code n × n}); {@link Cholesky} is their scalar twin.
 * Blocks are {@value #NB} wide; the O(n³) work is in {@link Gemm} products, the O(n²·NB) rest
 * (diagonal blocks, panel rows) in short loops.
 *
 * <ul>
 *   <li>{@link #lower}: right-looking. Per block column {@code K}: factor {@code A[K,K] = L[K,K]·
 *       L[K,K]ᵀ}, solve the panel {@code L[I,K] = A[I,K]·L[K,K]⁻ᵀ} row by row, then the trailing
 *       update {@code A[I,J] −= L[I,K]·L[J,K]ᵀ} ({@code J ≤ I}) as a product with the transposed
 *       panel, row blocks in parallel.
 *   <li>{@link #lowerInverse}: column blocks {@code J} of {@code X = L⁻¹} are independent: {@code
 *       X[J,J] = L[J,J]⁻¹}, {@code X[I,J] = −L[I,I]⁻¹·Σ_{J≤K<I} L[I,K]·X[K,J]} for {@code I > J}.
 *   <li>{@link #inverseFromLower}: {@code (L·Lᵀ)⁻¹ = L⁻ᵀ·L⁻¹}, upper blocks {@code [I,J]} ({@code J
 *       ≥ I}) as {@code Σ_{p ≥ j0} L⁻¹[p,I]ᵀ·L⁻¹[p,J]}, then mirrored.
 * </ul>
 *
 * <p>Results differ from the twin by summation order only; the differential tests bound it.
 */
public final class BlockedCholesky {

  /** Block width. */
  static final int NB = 64;

  private BlockedCholesky() {}

  /**
   * Lower factor {@code L} with {@code A = L·Lᵀ}; {@code A} is read (lower triangle only) and not
   * modified.
   *
   * @return a fresh {@code (n, n)} array, upper triangle zero, or {@code null} when a pivot is not
   *     strictly positive or not finite
   */
  public static double[] lower(double[] A, int n) {
    double[] L = new double[n * n]; // (n, n) working matrix, lower triangle meaningful
    for (int i = 0; i < n; i++) {
      System.arraycopy(A, i * n, L, i * n, i + 1);
    }
    for (int k = 0; k < n; k += NB) {
      int k0 = k;
      int k1 = Math.min(k0 + NB, n);
      if (!factorDiagonalBlock(L, n, k0, k1)) {
        return null;
      }
      int m = n - k1; // rows below the panel
      if (m == 0) {
        break;
      }
      int kb = k1 - k0;
      Parallel.range(m, 16, (r0, r1) -> solvePanelRows(L, n, k0, k1, k1 + r0, k1 + r1));
      double[] Pt = new double[kb * m]; // (kb, m): the panel transposed
      for (int r = 0; r < m; r++) {
        int row = (k1 + r) * n + k0;
        for (int p = 0; p < kb; p++) {
          Pt[p * m + r] = L[row + p];
        }
      }
      int blocks = Math.ceilDiv(m, NB);
      Parallel.balanced(
          blocks,
          b -> {
            int i0 = k1 + b * NB;
            int i1 = Math.min(i0 + NB, n);
            // L[i0:i1, k1:i1] −= L[i0:i1, K]·Pt[:, 0:i1−k1]
            Gemm.multiplyAdd(
                -1.0, L, i0 * n + k0, n, Pt, 0, m, L, i0 * n + k1, n, i1 - i0, i1 - k1, kb);
          });
    }
    for (int i = 0; i < n; i++) {
      Arrays.fill(L, i * n + i + 1, (i + 1) * n, 0.0);
    }
    return L;
  }

  /** In-place Cholesky of {@code L[k0:k1, k0:k1]} (already updated by earlier blocks). */
  private static boolean factorDiagonalBlock(double[] L, int n, int k0, int k1) {
    for (int i = k0; i < k1; i++) {
      int rowI = i * n;
      for (int j = k0; j <= i; j++) {
        int rowJ = j * n;
        double sum = L[rowI + j];
        for (int p = k0; p < j; p++) {
          sum -= L[rowI + p] * L[rowJ + p];
        }
        if (i == j) {
          if (!(sum > 0) || !Double.isFinite(sum)) {
            return false;
          }
          L[rowI + i] = Math.sqrt(sum);
        } else {
          L[rowI + j] = sum / L[rowJ + j];
        }
      }
    }
    return true;
  }

  /** Rows {@code [r0, r1)} of the panel: {@code L[i, K] = A[i, K]·L[K,K]⁻ᵀ}. */
  private static void solvePanelRows(double[] L, int n, int k0, int k1, int r0, int r1) {
    for (int i = r0; i < r1; i++) {
      int rowI = i * n;
      for (int j = k0; j < k1; j++) {
        int rowJ = j * n;
        double sum = L[rowI + j];
        for (int p = k0; p < j; p++) {
          sum -= L[rowI + p] * L[rowJ + p];
        }
        L[rowI + j] = sum / L[rowJ + j];
      }
    }
  }

  /** Inverse of a lower-triangular {@code L} ({@code (n, n)}, not modified), lower triangular. */
  public static double[] lowerInverse(double[] L, int n) {
    int blocks = Math.ceilDiv(n, NB);
    double[][] diagInv = new double[blocks][]; // (blocks)(nb, nb): L[I,I]⁻¹
    Parallel.balanced(
        blocks,
        b -> {
          int i0 = b * NB;
          int nb = Math.min(NB, n - i0);
          double[] block = new double[nb * nb]; // (nb, nb)
          for (int r = 0; r < nb; r++) {
            System.arraycopy(L, (i0 + r) * n + i0, block, r * nb, r + 1);
          }
          diagInv[b] = Cholesky.lowerInverse(block, nb);
        });
    double[] X = new double[n * n]; // (n, n)
    Parallel.balanced(
        blocks,
        jb -> {
          int j0 = jb * NB;
          int w = Math.min(NB, n - j0);
          for (int r = 0; r < w; r++) {
            System.arraycopy(diagInv[jb], r * w, X, (j0 + r) * n + j0, w);
          }
          double[] T = new double[NB * w]; // (nb, w)
          for (int ib = jb + 1; ib < blocks; ib++) {
            int i0 = ib * NB;
            int nb = Math.min(NB, n - i0);
            Arrays.fill(T, 0.0);
            // T = L[I, j0:i0]·X[j0:i0, J]; X[I, J] = −L[I,I]⁻¹·T
            Gemm.multiplyAdd(1.0, L, i0 * n + j0, n, X, j0 * n + j0, n, T, 0, w, nb, w, i0 - j0);
            Gemm.multiplyAdd(-1.0, diagInv[ib], 0, nb, T, 0, w, X, i0 * n + j0, n, nb, w, nb);
          }
        });
    return X;
  }

  /** {@code (L·Lᵀ)⁻¹ = L⁻ᵀ·L⁻¹}, a fresh symmetric {@code (n, n)} array; {@code L} not modified. */
  public static double[] inverseFromLower(double[] L, int n) {
    double[] Linv = lowerInverse(L, n); // (n, n)
    double[] LinvT = transpose(Linv, n); // (n, n), upper
    double[] inv = new double[n * n]; // (n, n)
    int blocks = Math.ceilDiv(n, NB);
    Parallel.balanced(
        blocks,
        ib -> {
          int i0 = ib * NB;
          int nb = Math.min(NB, n - i0);
          for (int jb = ib; jb < blocks; jb++) {
            int j0 = jb * NB;
            int w = Math.min(NB, n - j0);
            // inv[I, J] = Σ_{p ≥ j0} Linv[p, I]·Linv[p, J]
            Gemm.multiplyAdd(
                1.0,
                LinvT,
                i0 * n + j0,
                n,
                Linv,
                j0 * n + j0,
                n,
                inv,
                i0 * n + j0,
                n,
                nb,
                w,
                n - j0);
          }
        });
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        inv[i * n + j] = inv[j * n + i];
      }
    }
    return inv;
  }

  /**
   * Upper factor {@code U} with {@code A = Uᵀ·U}, the transpose of {@link #lower}.
   *
   * @return a fresh {@code (n, n)} array, or {@code null} when {@code A} is not positive definite
   */
  public static double[] upper(double[] A, int n) {
    double[] L = lower(A, n);
    return L == null ? null : transpose(L, n);
  }

  static double[] transpose(double[] M, int n) {
    double[] T = new double[n * n]; // (n, n)
    int tile = 32;
    Parallel.range(
        Math.ceilDiv(n, tile),
        1,
        (b0, b1) -> {
          for (int i0 = b0 * tile; i0 < Math.min(n, b1 * tile); i0 += tile) {
            for (int j0 = 0; j0 < n; j0 += tile) {
              for (int i = i0; i < Math.min(i0 + tile, n); i++) {
                for (int j = j0; j < Math.min(j0 + tile, n); j++) {
                  T[j * n + i] = M[i * n + j];
                }
              }
            }
          }
        });
    return T;
  }
}
