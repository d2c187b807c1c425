package io.acbench.compressor.linalg;

/**
 * Which implementation of the dense linear algebra runs: the blocked, vectorised, multi-threaded
 * one (the default everywhere) or its scalar twin (differential tests and the old-versus-new
 * benchmark).
 */
public enum Kernels {
  /** {@link BlockedCholesky}, {@link Gemm#multiplyAddParallel}, the blocked Hessian update. */
  VECTOR,
  /** {@link Cholesky}, {@link Gemm#multiplyAddScalar}, the per-token Hessian update. */
  SCALAR;

  /** {@code L} with {@code A = L·Lᵀ}, or null (see {@link Cholesky#lower}). */
  public double[] lower(double[] A, int n) {
    return this == VECTOR ? BlockedCholesky.lower(A, n) : Cholesky.lower(A, n);
  }

  /** {@code (L·Lᵀ)⁻¹} (see {@link Cholesky#inverseFromLower}). */
  public double[] inverseFromLower(double[] L, int n) {
    return this == VECTOR
        ? BlockedCholesky.inverseFromLower(L, n)
        : Cholesky.inverseFromLower(L, n);
  }

  /** {@code U} with {@code A = Uᵀ·U}, or null (see {@link Cholesky#upper}). */
  public double[] upper(double[] A, int n) {
    return this == VECTOR ? BlockedCholesky.upper(A, n) : Cholesky.upper(A, n);
  }

  /** {@code C ← C + α·A·B} (see {@link Gemm}). */
  public void multiplyAdd(
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
    if (this == VECTOR) {
      Gemm.multiplyAddParallel(alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, m, n, k);
    } else {
      Gemm.multiplyAddScalar(alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, m, n, k);
    }
  }
}
