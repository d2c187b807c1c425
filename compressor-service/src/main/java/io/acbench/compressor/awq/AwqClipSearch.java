package io.acbench.compressor.awq;

import io.acbench.compressor.rtn.QuantGrid;
import io.acbench.runtime.kernels.ParallelFor;

/**
 * AWQ's clip search (spec §3.5) for one linear, per (row, group).
 *
 * <p>{@code out0[t] = Σ_k X[t,g,k]·W[r,g,k]}; for {@code i < (int)(clipMaxShrink·clipGrid)}: {@code
 * m = m0·(1 − i/clipGrid)} with {@code m0 = max|W[r,g,:]|}, {@code Wq = Qrtn(clamp(W, −m, m))},
 * {@code err = mean_t (Σ_k X·Wq − out0)²}; the {@code m} with the strictly smallest error (initial
 * best 1e9) is kept. Tokens: every {@code max(1, T / clipTokens)}-th. Row batches of 256 in the
 * reference only bound memory and are not reproduced; rows are split over the shared thread pool.
 * Skip q/k projections in the caller.
 */
public final class AwqClipSearch {

  /** Rows per parallel chunk (each row's search is independent, so results do not depend on it). */
  private static final int ROW_GRAIN = 16;

  private AwqClipSearch() {}

  /**
   * Best clipping bound per (row, group), {@code (R, G)}. {@code W} is {@code (R, C)}, already
   * scaled; {@code X} is {@code (T, C)}, already divided by s. Neither is modified.
   */
  public static float[] searchMaxVal(float[] W, int R, int C, float[] X, int T, AwqParams p) {
    int gs = p.effectiveGroupSize(C);
    int G = C == 0 ? 0 : Math.ceilDiv(C, gs);
    int step = Math.max(1, T / p.clipTokens());
    int nTok = T == 0 ? 0 : (T + step - 1) / step;
    int nShrink = (int) (p.clipMaxShrink() * p.clipGrid());
    float[] maxVal = new float[R * G]; // (R, G)
    ParallelFor.shared()
        .forRange(
            R,
            ROW_GRAIN,
            (r0, r1) -> searchRows(W, C, X, step, nTok, nShrink, gs, p, maxVal, r0, r1));
    return maxVal;
  }

  /** Rows {@code [r0, r1)} of {@link #searchMaxVal}; rows are independent. */
  private static void searchRows(
      float[] W,
      int C,
      float[] X,
      int step,
      int nTok,
      int nShrink,
      int gs,
      AwqParams p,
      float[] maxVal,
      int r0,
      int r1) {
    int G = Math.ceilDiv(C, gs);
    double[] out0 = new double[nTok]; // (nTok)
    float[] clipped = new float[gs]; // (gs)
    for (int r = r0; r < r1; r++) {
      for (int g = 0; g < G; g++) {
        int from = g * gs;
        int width = Math.min(from + gs, C) - from;
        int w0 = r * C + from;
        float m0 = 0f;
        for (int k = 0; k < width; k++) {
          m0 = Math.max(m0, Math.abs(W[w0 + k]));
        }
        for (int n = 0; n < nTok; n++) {
          out0[n] = dot(X, n * step * C + from, W, w0, width);
        }
        double best = 1e9;
        float bestM = m0;
        for (int i = 0; i < nShrink; i++) {
          float m = m0 * (1 - (float) i / p.clipGrid());
          for (int k = 0; k < width; k++) {
            clipped[k] = Math.max(-m, Math.min(m, W[w0 + k]));
          }
          QuantGrid grid = AwqQuantizer.fit(clipped, 0, width, p.bits(), p.zeroPoint());
          for (int k = 0; k < width; k++) {
            clipped[k] = (float) grid.dequantize(grid.code(clipped[k]));
          }
          double err = 0.0;
          for (int n = 0; n < nTok; n++) {
            double d = dot(X, n * step * C + from, clipped, 0, width) - out0[n];
            err += d * d;
          }
          err /= Math.max(nTok, 1);
          if (err < best) {
            best = err;
            bestM = m;
          }
        }
        maxVal[r * G + g] = bestM;
      }
    }
  }

  /** {@code clamp(W[r, g, :], −maxVal[r,g], maxVal[r,g])}, a fresh {@code (R, C)} array. */
  public static float[] applyClip(float[] W, int R, int C, float[] maxVal, int gs) {
    int G = C == 0 ? 0 : Math.ceilDiv(C, gs);
    float[] out = new float[R * C]; // (R, C)
    for (int r = 0; r < R; r++) {
      for (int c = 0; c < C; c++) {
        float m = maxVal[r * G + c / gs];
        out[r * C + c] = Math.max(-m, Math.min(m, W[r * C + c]));
      }
    }
    return out;
  }

  private static double dot(float[] a, int aOff, float[] b, int bOff, int n) {
    double acc = 0.0;
    for (int k = 0; k < n; k++) {
      acc += (double) a[aOff + k] * b[bOff + k];
    }
    return acc;
  }
}
