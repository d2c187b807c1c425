package io.acbench.compressor.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float matrix product {@code C = A·B} for the calibration forwards: {@code A} is {@code (m, k)}
 * (tokens × in), {@code B} is {@code (k, n)} (the weight transposed, in × out), {@code C} is {@code
 * (m, n)}, all row-major and dense, accumulated in float. {@link #multiplyScalar} is the plain-loop
 * twin (same contract, sums in index order).
 *
 * <p>The vector path runs over {@value #K_CHUNK}-wide slices of {@code k} (so a column strip of B
 * stays in L1 across all rows of A), and inside a slice keeps a 4-row × 2-vector tile of C in
 * registers: per step one broadcast of {@code A[i][p]} per row, two loads of {@code B[p][j..]}, 8
 * fused multiply-adds. Column tails narrower than two vectors go through the twin's loop.
 */
public final class FloatGemm {

  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  static final int L = F.length();
  static final int K_CHUNK = 256;
  private static final int ROWS = 4;
  private static final int COLS = 2 * L;

  private FloatGemm() {}

  /**
   * {@code C[i][j0:j1] = Σ_p A[i][p]·B[p][j0:j1]} for all {@code i < m} (columns outside {@code
   * [j0, j1)} are not touched), so threads can own column bands.
   */
  public static void multiply(
      float[] A, float[] B, float[] C, int m, int n, int k, int j0, int j1) {
    for (int i = 0; i < m; i++) {
      java.util.Arrays.fill(C, i * n + j0, i * n + j1, 0f);
    }
    int vecEnd = j0 + (j1 - j0) / COLS * COLS;
    for (int p0 = 0; p0 < k; p0 += K_CHUNK) {
      int p1 = Math.min(p0 + K_CHUNK, k);
      for (int j = j0; j < vecEnd; j += COLS) {
        int i = 0;
        for (; i + ROWS <= m; i += ROWS) {
          tile4x2(A, k, B, n, C, i, j, p0, p1);
        }
        for (; i < m; i++) {
          tile1x2(A, k, B, n, C, i, j, p0, p1);
        }
      }
    }
    if (vecEnd < j1) {
      for (int i = 0; i < m; i++) {
        for (int j = vecEnd; j < j1; j++) {
          float sum = 0f;
          for (int p = 0; p < k; p++) {
            sum += A[i * k + p] * B[p * n + j];
          }
          C[i * n + j] = sum;
        }
      }
    }
  }

  private static void tile4x2(
      float[] A, int k, float[] B, int n, float[] C, int i, int j, int p0, int p1) {
    int c0 = i * n + j;
    int c1 = c0 + n;
    int c2 = c1 + n;
    int c3 = c2 + n;
    FloatVector s00 = FloatVector.fromArray(F, C, c0);
    FloatVector s01 = FloatVector.fromArray(F, C, c0 + L);
    FloatVector s10 = FloatVector.fromArray(F, C, c1);
    FloatVector s11 = FloatVector.fromArray(F, C, c1 + L);
    FloatVector s20 = FloatVector.fromArray(F, C, c2);
    FloatVector s21 = FloatVector.fromArray(F, C, c2 + L);
    FloatVector s30 = FloatVector.fromArray(F, C, c3);
    FloatVector s31 = FloatVector.fromArray(F, C, c3 + L);
    int a0 = i * k;
    int a1 = a0 + k;
    int a2 = a1 + k;
    int a3 = a2 + k;
    for (int p = p0; p < p1; p++) {
      int bp = p * n + j;
      FloatVector v0 = FloatVector.fromArray(F, B, bp);
      FloatVector v1 = FloatVector.fromArray(F, B, bp + L);
      FloatVector x0 = FloatVector.broadcast(F, A[a0 + p]);
      s00 = v0.fma(x0, s00);
      s01 = v1.fma(x0, s01);
      FloatVector x1 = FloatVector.broadcast(F, A[a1 + p]);
      s10 = v0.fma(x1, s10);
      s11 = v1.fma(x1, s11);
      FloatVector x2 = FloatVector.broadcast(F, A[a2 + p]);
      s20 = v0.fma(x2, s20);
      s21 = v1.fma(x2, s21);
      FloatVector x3 = FloatVector.broadcast(F, A[a3 + p]);
      s30 = v0.fma(x3, s30);
      s31 = v1.fma(x3, s31);
    }
    s00.intoArray(C, c0);
    s01.intoArray(C, c0 + L);
    s10.intoArray(C, c1);
    s11.intoArray(C, c1 + L);
    s20.intoArray(C, c2);
    s21.intoArray(C, c2 + L);
    s30.intoArray(C, c3);
    s31.intoArray(C, c3 + L);
  }

  private static void tile1x2(
      float[] A, int k, float[] B, int n, float[] C, int i, int j, int p0, int p1) {
    int c0 = i * n + j;
    FloatVector s0 = FloatVector.fromArray(F, C, c0);
    FloatVector s1 = FloatVector.fromArray(F, C, c0 + L);
    int a0 = i * k;
    for (int p = p0; p < p1; p++) {
      int bp = p * n + j;
      FloatVector x = FloatVector.broadcast(F, A[a0 + p]);
      s0 = FloatVector.fromArray(F, B, bp).fma(x, s0);
      s1 = FloatVector.fromArray(F, B, bp + L).fma(x, s1);
    }
    s0.intoArray(C, c0);
    s1.intoArray(C, c0 + L);
  }

  /** Scalar twin: {@code C[i][j] = Σ_p A[i][p]·B[p][j]} in index order, all columns. */
  public static void multiplyScalar(float[] A, float[] B, float[] C, int m, int n, int k) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float sum = 0f;
        for (int p = 0; p < k; p++) {
          sum += A[i * k + p] * B[p * n + j];
        }
        C[i * n + j] = sum;
      }
    }
  }
}
