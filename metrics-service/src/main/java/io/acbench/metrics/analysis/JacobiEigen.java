package io.acbench.metrics.analysis;

import java.util.Arrays;

/**
 * Eigenvalues of a real symmetric matrix by the cyclic Jacobi method (Jacobi 1846; Golub and Van
 * Loan, Matrix Computations, §8.5): sweep over the off-diagonal pairs (p, q) and apply the plane
 * rotation that zeroes A[p][q] until the off-diagonal Frobenius norm falls below {@code tol}·‖A‖_F.
 * Quadratically convergent; O(n³) per sweep, fine for the N ≤ a few hundred Gram matrices here.
 */
public final class JacobiEigen {

  /** Relative off-diagonal norm at which the sweeps stop. */
  public static final double TOLERANCE = 1e-14;

  private static final int MAX_SWEEPS = 100;

  private JacobiEigen() {}

  /**
   * @param a (n, n) row-major symmetric matrix (not modified)
   * @return the n eigenvalues in descending order
   */
  public static double[] eigenvalues(double[] a, int n) {
    if (a.length != n * n) {
      throw new IllegalArgumentException("matrix has " + a.length + " entries, expected " + n * n);
    }
    double[] m = a.clone(); // (n, n), rotated in place
    double frob = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (Math.abs(m[i * n + j] - m[j * n + i]) > 1e-9 * (1 + Math.abs(m[i * n + j]))) {
          throw new IllegalArgumentException("matrix is not symmetric at (" + i + ", " + j + ")");
        }
        frob += m[i * n + j] * m[i * n + j];
      }
    }
    double threshold = TOLERANCE * TOLERANCE * frob;
    for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonalSquared(m, n) > threshold; sweep++) {
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          rotate(m, n, p, q);
        }
      }
    }
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) {
      lambda[i] = m[i * n + i];
    }
    Arrays.sort(lambda);
    for (int i = 0; i < n / 2; i++) {
      double t = lambda[i];
      lambda[i] = lambda[n - 1 - i];
      lambda[n - 1 - i] = t;
    }
    return lambda;
  }

  /**
   * Applies the Jacobi rotation J(p, q, θ) as m ← Jᵀ m J, choosing θ so that m[p][q] becomes 0:
   * with τ = (m_qq − m_pp)/(2 m_pq), t = sign(τ)/(|τ| + √(1 + τ²)), c = 1/√(1 + t²), s = t·c.
   */
  private static void rotate(double[] m, int n, int p, int q) {
    double apq = m[p * n + q];
    if (apq == 0) {
      return;
    }
    double tau = (m[q * n + q] - m[p * n + p]) / (2 * apq);
    double t = Math.signum(tau) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
    if (tau == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(1 + t * t);
    double s = t * c;
    for (int k = 0; k < n; k++) {
      double mkp = m[k * n + p];
      double mkq = m[k * n + q];
      m[k * n + p] = c * mkp - s * mkq;
      m[k * n + q] = s * mkp + c * mkq;
    }
    for (int k = 0; k < n; k++) {
      double mpk = m[p * n + k];
      double mqk = m[q * n + k];
      m[p * n + k] = c * mpk - s * mqk;
      m[q * n + k] = s * mpk + c * mqk;
    }
    m[p * n + q] = 0;
    m[q * n + p] = 0;
  }

  private static double offDiagonalSquared(double[] m, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          sum += m[i * n + j] * m[i * n + j];
        }
      }
    }
    return sum;
  }
}
