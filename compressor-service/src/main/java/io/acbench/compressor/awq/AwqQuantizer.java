package io.acbench.compressor.awq;

import io.acbench.compressor.rtn.QuantGrid;
import io.acbench.compressor.rtn.QuantizedWeight;

/**
 * AWQ's final round-to-nearest (spec §3.6, AutoAWQ {@code pseudo_quantize_tensor}), per (row,
 * group), float32 arithmetic. Unlike GPTQ's grid, 0 is not forced into the range.
 *
 * <ul>
 *   <li>zero-point: {@code scale = max(max − min, 1e-5)/maxq}; {@code zero = clamp(−round(min/
 *       scale), 0, maxq)}; {@code q = clamp(round(w/scale) + zero, 0, maxq)}.
 *   <li>symmetric: {@code scale = max(absmax, 1e-5)/(2^(bits−1) − 1)}; {@code q = clamp(round(w/
 *       scale), −2^(bits−1), 2^(bits−1) − 1)}; zero 0.
 * </ul>
 *
 * The integer codes are kept as produced (D11).
 */
public final class AwqQuantizer {

  private AwqQuantizer() {}

  /** The grid of {@code values[from, to)}; nothing is modified. */
  public static QuantGrid fit(float[] values, int from, int to, int bits, boolean zeroPoint) {
    if (zeroPoint) {
      float max = Float.NEGATIVE_INFINITY;
      float min = Float.POSITIVE_INFINITY;
      for (int i = from; i < to; i++) {
        max = Math.max(max, values[i]);
        min = Math.min(min, values[i]);
      }
      int maxq = (1 << bits) - 1;
      float scale = Math.max(max - min, 1e-5f) / maxq;
      float zero = (float) Math.max(0, Math.min(maxq, -Math.rint(min / scale)));
      return new QuantGrid(scale, zero, 0, maxq);
    }
    float absmax = 0f;
    for (int i = from; i < to; i++) {
      absmax = Math.max(absmax, Math.abs(values[i]));
    }
    int qmax = (1 << (bits - 1)) - 1;
    float scale = Math.max(absmax, 1e-5f) / qmax;
    return new QuantGrid(scale, 0f, -qmax - 1, qmax);
  }

  /**
   * Quantizes {@code W} ({@code (R, C)} row-major, not modified) and returns codes, scales, zeros
   * and {@code Ŵ}.
   */
  public static QuantizedWeight quantize(float[] W, int R, int C, AwqParams p) {
    int gs = p.effectiveGroupSize(C);
    int G = C == 0 ? 0 : Math.ceilDiv(C, gs);
    int[] codes = new int[R * C]; // (R, C)
    float[] scales = new float[R * G]; // (R, G)
    float[] zeros = new float[R * G]; // (R, G)
    float[] Wq = new float[R * C]; // (R, C)
    int[] gIdx = new int[C]; // (C)
    for (int c = 0; c < C; c++) {
      gIdx[c] = c / gs;
    }
    for (int r = 0; r < R; r++) {
      for (int g = 0; g < G; g++) {
        int from = r * C + g * gs;
        int to = r * C + Math.min((g + 1) * gs, C);
        QuantGrid grid = fit(W, from, to, p.bits(), p.zeroPoint());
        scales[r * G + g] = grid.scale();
        zeros[r * G + g] = grid.zero();
        for (int i = from; i < to; i++) {
          codes[i] = grid.code(W[i]);
          Wq[i] = (float) grid.dequantize(codes[i]);
        }
      }
    }
    return new QuantizedWeight(R, C, G, codes, scales, zeros, gIdx, Wq);
  }

  /**
   * {@code Ŵ} only, into {@code out} ({@code (R, C)}, overwritten); the search loops use this.
   * {@code W} is not modified.
   */
  static void pseudoQuantize(float[] W, int R, int C, AwqParams p, float[] out) {
    int gs = p.effectiveGroupSize(C);
    for (int r = 0; r < R; r++) {
      for (int from = r * C, end = r * C + C; from < end; from += gs) {
        int to = Math.min(from + gs, end);
        QuantGrid grid = fit(W, from, to, p.bits(), p.zeroPoint());
        for (int i = from; i < to; i++) {
          out[i] = (float) grid.dequantize(grid.code(W[i]));
        }
      }
    }
  }
}
