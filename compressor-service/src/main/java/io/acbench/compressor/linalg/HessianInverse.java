package io.acbench.compressor.linalg;

/**
 * The damped inverse-Hessian factor shared by GPTQ and SparseGPT (spec §2.3 steps 6–7, §7 row 3,
 * decision D8).
 *
 * <p>{@code damp = percdamp · mean(diag(H))}; {@code L = cholesky(H + damp·I)}; {@code Hinv =
 * (L·Lᵀ)⁻¹}; {@code U = cholesky_upper(Hinv)}, so {@code Hinv = Uᵀ·U}. When either factorisation
 * fails, the damping is multiplied by 10 and the whole chain retried, up to {@code maxRetries}
 * times; after that the factor is the identity, which turns GPTQ into RTN and SparseGPT into a
 * per-block magnitude pruner (the caller reports it).
 */
public final class HessianInverse {

  /**
   * The factor and how it was obtained.
   *
   * @param U upper-triangular {@code (n, n)} factor of the damped inverse Hessian, or the identity
   *     when {@code identityFallback}
   * @param damp the damping added to the diagonal by the successful attempt (the last one tried
   *     when falling back)
   * @param retries how many times the damping was raised
   * @param identityFallback true when no attempt succeeded
   */
  public record Factor(double[] U, double damp, int retries, boolean identityFallback) {}

  private HessianInverse() {}

  /**
   * Computes the factor of {@code (H + damp·I)⁻¹}. {@code H} ({@code (n, n)}, dead columns already
   * set to 1 on the diagonal) is not modified.
   */
  public static Factor upperFactor(double[] H, int n, double percdamp, int maxRetries) {
    return upperFactor(H, n, percdamp, maxRetries, Kernels.VECTOR);
  }

  /** {@link #upperFactor(double[], int, double, int)} with the chosen kernels. */
  public static Factor upperFactor(
      double[] H, int n, double percdamp, int maxRetries, Kernels kernels) {
    double meanDiag = 0.0;
    for (int j = 0; j < n; j++) {
      meanDiag += H[j * n + j];
    }
    meanDiag /= n;
    double damp = percdamp * meanDiag;
    double[] Hd = new double[n * n]; // (n, n): H + damp·I
    for (int attempt = 0; attempt <= maxRetries; attempt++) {
      if (attempt > 0) {
        damp *= 10.0;
      }
      System.arraycopy(H, 0, Hd, 0, n * n);
      for (int j = 0; j < n; j++) {
        Hd[j * n + j] += damp;
      }
      double[] L = kernels.lower(Hd, n);
      if (L == null) {
        continue;
      }
      double[] U = kernels.upper(kernels.inverseFromLower(L, n), n);
      if (U != null) {
        return new Factor(U, damp, attempt, false);
      }
    }
    double[] I = new double[n * n]; // (n, n)
    for (int j = 0; j < n; j++) {
      I[j * n + j] = 1.0;
    }
    return new Factor(I, damp, maxRetries, true);
  }
}
