package io.acbench.compressor.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float matrix product {@code C = A·B} for the calibration forwards: {@code A} is {@code (m, k)}
 * (tokens × in), {@code B} is {@code (k, n)} (the weight transposed, in × out) held as {@link
 * Panels}, {@code C} is {@code (m, n)}, row-major, accumulated in float. {@link #multiplyScalar} is
 * the plain-loop twin (same contract on a row-major {@code B}, sums in index order).
 *
 * <p>{@code B} is packed once into column panels {@value #PANEL_VECTORS} vectors wide, each panel
 * {@code k × width} contiguous, so the inner loop reads {@code B} sequentially (one cache line
 * after the other, no page walk per row of {@code B}). The vector path runs over {@value
 * #K_CHUNK}-deep slices of a panel (a slice stays in L1 across all rows of {@code A}) and keeps an
 * 8-row × 2-vector tile of {@code C} in registers: per step one broadcast of {@code A[i][p]} per
 * row, two loads of the panel, 16 fused multiply-adds. A last panel narrower than a full one goes
 * through a plain loop. Measured against the unpacked 4 × 2 tile it replaced in BENCHMARKS.md.
 */
public final class FloatGemm {

  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  static final int L = F.length();
  static final int K_CHUNK = 256;
  private static final int PANEL_VECTORS = 2;
  private static final int ROWS = 8;

  /** Columns per panel; column bands given to {@link #multiply} start at a multiple of this. */
  public static final int PANEL_WIDTH = PANEL_VECTORS * L;

  private FloatGemm() {}

  /**
   * {@code B} ({@code (k, n)}) in column panels: panel {@code q} holds columns {@code [q·W, q·W +
   * W)} as {@code k} rows of {@code W} floats, zero past column {@code n}.
   */
  public record Panels(float[] data, int k, int n) {

    /** Packs a row-major {@code (k, n)} matrix. */
    public static Panels pack(float[] B, int k, int n) {
      if (B.length != k * n) {
        throw new IllegalArgumentException(
            "matrix has " + B.length + " floats, (" + k + ", " + n + ") needs " + k * n);
      }
      int panels = Math.ceilDiv(n, PANEL_WIDTH);
      float[] data = new float[panels * k * PANEL_WIDTH];
      for (int q = 0; q < panels; q++) {
        int width = Math.min(PANEL_WIDTH, n - q * PANEL_WIDTH);
        for (int p = 0; p < k; p++) {
          System.arraycopy(B, p * n + q * PANEL_WIDTH, data, (q * k + p) * PANEL_WIDTH, width);
        }
      }
      return new Panels(data, k, n);
    }

    /** {@code B[p][j]}. */
    public float get(int p, int j) {
      int q = j / PANEL_WIDTH;
      return data[(q * k + p) * PANEL_WIDTH + j % PANEL_WIDTH];
    }

    /** Packed floats, padding included. */
    public long floats() {
      return data.length;
    }
  }

  /**
   * {@code C[i][j0:j1] = Σ_p A[i][p]·B[p][j0:j1]} for all {@code i < m} (columns outside {@code
   * [j0, j1)} are not touched), so threads can own column bands; {@code j0} is a multiple of {@link
   * #PANEL_WIDTH} and {@code j1} one too or {@code n}.
   */
  public static void multiply(float[] A, Panels B, float[] C, int m, int j0, int j1) {
    int n = B.n();
    int k = B.k();
    if (j0 % PANEL_WIDTH != 0 || (j1 % PANEL_WIDTH != 0 && j1 != n) || j0 > j1 || j1 > n) {
      throw new IllegalArgumentException(
          "column band [" + j0 + ", " + j1 + ") of " + n + " is not panel-aligned");
    }
    for (int i = 0; i < m; i++) {
      java.util.Arrays.fill(C, i * n + j0, i * n + j1, 0f);
    }
    int fullEnd = j0 + (j1 - j0) / PANEL_WIDTH * PANEL_WIDTH;
    float[] P = B.data();
    for (int p0 = 0; p0 < k; p0 += K_CHUNK) {
      int p1 = Math.min(p0 + K_CHUNK, k);
      for (int j = j0; j < fullEnd; j += PANEL_WIDTH) {
        int base = j / PANEL_WIDTH * k * PANEL_WIDTH;
        int i = 0;
        for (; i + ROWS <= m; i += ROWS) {
          tile8x2(A, k, P, base, n, C, i, j, p0, p1);
        }
        for (; i < m; i++) {
          tile1x2(A, k, P, base, n, C, i, j, p0, p1);
        }
      }
    }
    if (fullEnd < j1) {
      int base = fullEnd / PANEL_WIDTH * k * PANEL_WIDTH;
      for (int i = 0; i < m; i++) {
        for (int j = fullEnd; j < j1; j++) {
          float sum = 0f;
          for (int p = 0; p < k; p++) {
            sum += A[i * k + p] * P[base + p * PANEL_WIDTH + (j - fullEnd)];
          }
          C[i * n + j] = sum;
        }
      }
    }
  }

  private static void tile8x2(
      float[] A, int k, float[] P, int base, int n, float[] C, int i, int j, int p0, int p1) {
    int c0 = i * n + j;
    int c1 = c0 + n;
    int c2 = c1 + n;
    int c3 = c2 + n;
    int c4 = c3 + n;
    int c5 = c4 + n;
    int c6 = c5 + n;
    int c7 = c6 + n;
    FloatVector s00 = FloatVector.fromArray(F, C, c0);
    FloatVector s01 = FloatVector.fromArray(F, C, c0 + L);
    FloatVector s10 = FloatVector.fromArray(F, C, c1);
    FloatVector s11 = FloatVector.fromArray(F, C, c1 + L);
    FloatVector s20 = FloatVector.fromArray(F, C, c2);
    FloatVector s21 = FloatVector.fromArray(F, C, c2 + L);
    FloatVector s30 = FloatVector.fromArray(F, C, c3);
    FloatVector s31 = FloatVector.fromArray(F, C, c3 + L);
    FloatVector s40 = FloatVector.fromArray(F, C, c4);
    FloatVector s41 = FloatVector.fromArray(F, C, c4 + L);
    FloatVector s50 = FloatVector.fromArray(F, C, c5);
    FloatVector s51 = FloatVector.fromArray(F, C, c5 + L);
    FloatVector s60 = FloatVector.fromArray(F, C, c6);
    FloatVector s61 = FloatVector.fromArray(F, C, c6 + L);
    FloatVector s70 = FloatVector.fromArray(F, C, c7);
    FloatVector s71 = FloatVector.fromArray(F, C, c7 + L);
    int a0 = i * k;
    int a1 = a0 + k;
    int a2 = a1 + k;
    int a3 = a2 + k;
    int a4 = a3 + k;
    int a5 = a4 + k;
    int a6 = a5 + k;
    int a7 = a6 + k;
    for (int p = p0; p < p1; p++) {
      int bp = base + p * PANEL_WIDTH;
      FloatVector v0 = FloatVector.fromArray(F, P, bp);
      FloatVector v1 = FloatVector.fromArray(F, P, bp + L);
      FloatVector x = FloatVector.broadcast(F, A[a0 + p]);
      s00 = v0.fma(x, s00);
      s01 = v1.fma(x, s01);
      x = FloatVector.broadcast(F, A[a1 + p]);
      s10 = v0.fma(x, s10);
      s11 = v1.fma(x, s11);
      x = FloatVector.broadcast(F, A[a2 + p]);
      s20 = v0.fma(x, s20);
      s21 = v1.fma(x, s21);
      x = FloatVector.broadcast(F, A[a3 + p]);
      s30 = v0.fma(x, s30);
      s31 = v1.fma(x, s31);
      x = FloatVector.broadcast(F, A[a4 + p]);
      s40 = v0.fma(x, s40);
      s41 = v1.fma(x, s41);
      x = FloatVector.broadcast(F, A[a5 + p]);
      s50 = v0.fma(x, s50);
      s51 = v1.fma(x, s51);
      x = FloatVector.broadcast(F, A[a6 + p]);
      s60 = v0.fma(x, s60);
      s61 = v1.fma(x, s61);
      x = FloatVector.broadcast(F, A[a7 + p]);
      s70 = v0.fma(x, s70);
      s71 = v1.fma(x, s71);
    }
    s00.intoArray(C, c0);
    s01.intoArray(C, c0 + L);
    s10.intoArray(C, c1);
    s11.intoArray(C, c1 + L);
    s20.intoArray(C, c2);
    s21.intoArray(C, c2 + L);
    s30.intoArray(C, c3);
    s31.intoArray(C, c3 + L);
    s40.intoArray(C, c4);
    s41.intoArray(C, c4 + L);
    s50.intoArray(C, c5);
    s51.intoArray(C, c5 + L);
    s60.intoArray(C, c6);
    s61.intoArray(C, c6 + L);
    s70.intoArray(C, c7);
    s71.intoArray(C, c7 + L);
  }

  private static void tile1x2(
      float[] A, int k, float[] P, int base, int n, float[] C, int i, int j, int p0, int p1) {
    int c0 = i * n + j;
    FloatVector s0 = FloatVector.fromArray(F, C, c0);
    FloatVector s1 = FloatVector.fromArray(F, C, c0 + L);
    int a0 = i * k;
    for (int p = p0; p < p1; p++) {
      int bp = base + p * PANEL_WIDTH;
      FloatVector x = FloatVector.broadcast(F, A[a0 + p]);
      s0 = FloatVector.fromArray(F, P, bp).fma(x, s0);
      s1 = FloatVector.fromArray(F, P, bp + L).fma(x, s1);
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
