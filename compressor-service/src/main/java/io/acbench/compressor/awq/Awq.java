package io.acbench.compressor.awq;

import io.acbench.compressor.rtn.QuantizedWeight;
import java.util.List;

/**
 * AWQ on one linear whose scale has nowhere to be folded (spec §3.1 steps 2–4 with the linear
 * itself as the inspected module): search s, scale the columns, divide the inputs, clip, quantize.
 * The layer walker composes the same pieces with real scaling groups and folds {@code 1/s} into the
 * previous op; this entry point serves tests and stand-alone linears.
 */
public final class Awq {

  /**
   * @param scales {@code (C)} the searched s
   * @param alpha its α
   * @param clipMaxVal {@code (R, G)} the clip bounds, or null when clipping was skipped
   * @param quantized the quantization of {@code clip(W·diag(s))}: codes, scales, zeros, Ŵ
   * @param effectiveWeight {@code (R, C)} {@code Ŵ·diag(s)⁻¹}, what the unfolded linear computes
   *     with
   */
  public record Result(
      float[] scales,
      double alpha,
      float[] clipMaxVal,
      QuantizedWeight quantized,
      float[] effectiveWeight) {}

  private Awq() {}

  /**
   * {@code W} is {@code (R, C)}, {@code X} is {@code (T, C)}; neither is modified. {@code clip}
   * false skips §3.5 (as for q/k projections).
   */
  public static Result quantizeLinear(
      float[] W, int R, int C, float[] X, int T, AwqParams p, boolean clip) {
    float[] xMean = ActivationStats.meanAbs(X, T, C);
    AwqScaleSearch.Result search =
        C == 0
            ? new AwqScaleSearch.Result(new float[0], 0.0, 0.0, new double[0])
            : AwqScaleSearch.search(
                List.of(W), new int[] {R}, C, xMean, new LinearBlock(X, T, C, R), p);
    float[] s = search.scales(); // (C)
    float[] Ws = ScaleFolding.scaleInputColumns(W, R, C, s); // (R, C)
    float[] maxVal = null;
    if (clip) {
      float[] Xs = ScaleFolding.divideInputs(X, T, C, s); // (T, C)
      maxVal = AwqClipSearch.searchMaxVal(Ws, R, C, Xs, T, p);
      Ws = AwqClipSearch.applyClip(Ws, R, C, maxVal, p.effectiveGroupSize(C));
    }
    QuantizedWeight q = AwqQuantizer.quantize(Ws, R, C, p);
    float[] effective = new float[R * C]; // (R, C)
    for (int r = 0; r < R; r++) {
      for (int c = 0; c < C; c++) {
        effective[r * C + c] = q.weight()[r * C + c] / s[c];
      }
    }
    return new Result(s, search.alpha(), maxVal, q, effective);
  }
}
