package io.acbench.compressor.rtn;

/**
 * The min/max grid of IST-DASLab/gptq {@code Quantizer.find_params} (spec §2.2), fitted per row
 * over a run of columns, with arithmetic in float32 as the reference does.
 *
 * <ol>
 *   <li>{@code xmin = min(0, min x)}, {@code xmax = max(0, max x)}.
 *   <li>sym: {@code xmax = max(|xmin|, xmax)}; with {@code legacyQuirks} {@code xmin = −xmax} only
 *       if {@code xmin < 0} (AutoGPTQ/AutoGPTQ#293), otherwise always.
 *   <li>{@code xmin == xmax == 0} → {@code [−1, 1]}.
 *   <li>{@code scale = (xmax − xmin)/maxq}; {@code zero = (maxq+1)/2} if sym, else {@code
 *       round(−xmin/scale)}.
 * </ol>
 */
public final class MinMaxQuantizer {

  private final int maxq;
  private final boolean sym;
  private final boolean legacyQuirks;

  public MinMaxQuantizer(RtnParams params) {
    this.maxq = params.maxq();
    this.sym = params.sym();
    this.legacyQuirks = params.legacyQuirks();
  }

  /** Fits the grid on {@code values[from, to)}; nothing is modified. */
  public QuantGrid fit(double[] values, int from, int to) {
    float xmin = 0f;
    float xmax = 0f;
    for (int i = from; i < to; i++) {
      float v = (float) values[i];
      xmin = Math.min(xmin, v);
      xmax = Math.max(xmax, v);
    }
    if (sym) {
      xmax = Math.max(Math.abs(xmin), xmax);
      if (!legacyQuirks || xmin < 0) {
        xmin = -xmax;
      }
    }
    if (xmin == 0f && xmax == 0f) {
      xmin = -1f;
      xmax = 1f;
    }
    float scale = (xmax - xmin) / maxq;
    // + 0f turns the −0.0 of round(−0/scale) into 0.
    float zero = sym ? (maxq + 1) / 2 : (float) Math.rint(-xmin / scale) + 0f;
    return new QuantGrid(scale, zero, 0, maxq);
  }
}
