package io.acbench.compressor.rtn;

/**
 * Round-to-nearest (spec §2.6, GPTQ-style row): the §2.2 min/max grid fitted per output row on each
 * group of columns, no calibration and no error feedback.
 */
public final class Rtn {

  private Rtn() {}

  /**
   * Quantizes {@code W} ({@code (R, C)} row-major, not modified): for group {@code g} (columns
   * {@code [g·gs, min((g+1)·gs, C))}) and row r, fit the grid on {@code W[r, group]} and set {@code
   * q = clamp(round(w/scale) + zero, 0, maxq)}.
   */
  public static QuantizedWeight quantize(float[] W, int R, int C, RtnParams params) {
    if (R == 0 || C == 0) {
      return QuantizedWeight.empty(R, C);
    }
    int gs = params.effectiveGroupSize(C);
    int G = Math.ceilDiv(C, gs);
    MinMaxQuantizer quantizer = new MinMaxQuantizer(params);
    int[] codes = new int[R * C]; // (R, C)
    float[] scales = new float[R * G]; // (R, G)
    float[] zeros = new float[R * G]; // (R, G)
    float[] Wq = new float[R * C]; // (R, C)
    int[] gIdx = new int[C]; // (C)
    for (int c = 0; c < C; c++) {
      gIdx[c] = c / gs;
    }
    double[] row = new double[C]; // (C)
    for (int r = 0; r < R; r++) {
      for (int c = 0; c < C; c++) {
        row[c] = W[r * C + c];
      }
      for (int g = 0; g < G; g++) {
        int from = g * gs;
        int to = Math.min(from + gs, C);
        QuantGrid grid = quantizer.fit(row, from, to);
        scales[r * G + g] = grid.scale();
        zeros[r * G + g] = grid.zero();
        for (int c = from; c < to; c++) {
          int q = grid.code(row[c]);
          codes[r * C + c] = q;
          Wq[r * C + c] = (float) grid.dequantize(q);
        }
      }
    }
    return new QuantizedWeight(R, C, G, codes, scales, zeros, gIdx, Wq);
  }
}
