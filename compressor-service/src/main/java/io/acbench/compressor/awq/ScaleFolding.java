package io.acbench.compressor.awq;

/**
 * Folding AWQ's scales into the model (spec §3.4), exact in real arithmetic. Each helper returns a
 * fresh array; nothing passed in is modified.
 */
public final class ScaleFolding {

  private ScaleFolding() {}

  /**
   * {@code γ ← γ/s} for an RMSNorm in front of the scaled linears.
   *
   * @throws IllegalStateException when a result is not finite (spec §7 row 4)
   */
  public static float[] divideNormWeight(float[] gamma, float[] s) {
    float[] out = new float[gamma.length]; // (C)
    for (int c = 0; c < gamma.length; c++) {
      out[c] = gamma[c] / s[c];
      if (!Float.isFinite(out[c])) {
        throw new IllegalStateException("AWQ folding produced a non-finite norm weight at " + c);
      }
    }
    return out;
  }

  /** {@code W[:, c] · s[c]} for a scaled linear, {@code W} of shape {@code (R, C)}. */
  public static float[] scaleInputColumns(float[] W, int R, int C, float[] s) {
    float[] out = new float[R * C]; // (R, C)
    for (int r = 0; r < R; r++) {
      for (int c = 0; c < C; c++) {
        out[r * C + c] = W[r * C + c] * s[c];
      }
    }
    return out;
  }

  /**
   * {@code W_prev[r, :] / s[r]} on the last {@code len(s)} rows of the previous linear ({@code (R,
   * C)}; for a fused qkv only the v rows are the last ones).
   */
  public static float[] divideOutputRows(float[] Wprev, int R, int C, float[] s) {
    float[] out = Wprev.clone(); // (R, C)
    int first = R - s.length;
    for (int r = first; r < R; r++) {
      for (int c = 0; c < C; c++) {
        out[r * C + c] = Wprev[r * C + c] / s[r - first];
      }
    }
    return out;
  }

  /** {@code b[r] / s[r]} on the last {@code len(s)} entries; {@code null} (no bias) stays null. */
  public static float[] divideBias(float[] bias, float[] s) {
    if (bias == null) {
      return null;
    }
    float[] out = bias.clone(); // (R)
    int first = bias.length - s.length;
    for (int r = first; r < bias.length; r++) {
      out[r] = bias[r] / s[r - first];
    }
    return out;
  }

  /** Cached inputs of the scaled linears, {@code X[:, c] / s[c]}, {@code X} of shape (T, C). */
  public static float[] divideInputs(float[] X, int T, int C, float[] s) {
    float[] out = new float[T * C]; // (T, C)
    for (int t = 0; t < T; t++) {
      for (int c = 0; c < C; c++) {
        out[t * C + c] = X[t * C + c] / s[c];
      }
    }
    return out;
  }

  /**
   * The v→o rule: {@code o_proj} is scaled with {@code 1/s} folded into {@code v_proj} only when
   * both weights have the same shape, which grouped-query attention breaks (spec §3.3 row 2, §7 row
   * 11).
   */
  public static boolean vToOApplies(int vRows, int vCols, int oRows, int oCols) {
    return vRows == oRows && vCols == oCols;
  }
}
