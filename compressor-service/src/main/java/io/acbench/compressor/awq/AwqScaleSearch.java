package io.acbench.compressor.awq;

import java.util.ArrayList;
import java.util.List;

/**
 * AWQ's per-channel scale search over α (spec §3.4).
 *
 * <p>For {@code α = i/nGrid}, {@code i = 0 … nGrid−1}: {@code s = max(x_mean^α, 1e-4)} (or, with
 * duo scaling, {@code max(x_mean^α/(w_mean^(1−α) + 1e-4), 1e-4)}); {@code s ← s/sqrt(max(s)·
 * min(s))}, non-finite entries set to 1; every scaled linear gets {@code W' = Qrtn(W·diag(s))·
 * diag(s)⁻¹}; the loss is {@code mean((out_fp − out)²)} of the inspected module. The α with the
 * strictly smallest loss wins (ties keep the earlier α).
 */
public final class AwqScaleSearch {

  /**
   * @param scales {@code (C)} the winning s
   * @param alpha the winning α
   * @param loss its loss
   * @param losses {@code (nGrid)} the loss of every α tried
   */
  public record Result(float[] scales, double alpha, double loss, double[] losses) {}

  private AwqScaleSearch() {}

  /**
   * Searches the scale of one scaling group. {@code weights} are the scaled linears' weights,
   * {@code (rows[i], C)} each; {@code xMean} is {@code (C)}. Nothing passed in is modified.
   *
   * @throws IllegalStateException when no α gives a finite loss
   */
  public static Result search(
      List<float[]> weights, int[] rows, int C, float[] xMean, AwqBlock block, AwqParams p) {
    float[] wMean =
        p.duoScaling()
            ? ActivationStats.weightMean(weights, rows, C, p.effectiveGroupSize(C))
            : null;
    float[] outFp = block.output(weights); // the module output with the original weights
    double[] losses = new double[p.nGrid()];
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestI = -1;
    for (int i = 0; i < p.nGrid(); i++) {
      double alpha = (double) i / p.nGrid();
      float[] s = scalesFor(alpha, xMean, wMean);
      List<float[]> candidate = new ArrayList<>(weights.size());
      for (int k = 0; k < weights.size(); k++) {
        candidate.add(quantizedScaled(weights.get(k), rows[k], C, s, p));
      }
      losses[i] = meanSquaredError(outFp, block.output(candidate));
      if (losses[i] < bestLoss) {
        bestLoss = losses[i];
        bestI = i;
      }
    }
    if (bestI < 0) {
      throw new IllegalStateException("AWQ scale search: no α gave a finite loss");
    }
    double alpha = (double) bestI / p.nGrid();
    return new Result(scalesFor(alpha, xMean, wMean), alpha, bestLoss, losses);
  }

  /** The normalized scales for one α; {@code wMean} null means activation-only scaling. */
  public static float[] scalesFor(double alpha, float[] xMean, float[] wMean) {
    int C = xMean.length;
    float[] s = new float[C]; // (C)
    float max = Float.NEGATIVE_INFINITY;
    float min = Float.POSITIVE_INFINITY;
    for (int c = 0; c < C; c++) {
      double raw = Math.pow(xMean[c], alpha);
      if (wMean != null) {
        raw /= Math.pow(wMean[c], 1 - alpha) + 1e-4;
      }
      s[c] = (float) Math.max(raw, 1e-4);
      max = Math.max(max, s[c]);
      min = Math.min(min, s[c]);
    }
    float norm = (float) Math.sqrt((double) max * min);
    for (int c = 0; c < C; c++) {
      s[c] = s[c] / norm;
      if (!Float.isFinite(s[c])) {
        s[c] = 1f;
      }
    }
    return s;
  }

  /** {@code Qrtn(W·diag(s))·diag(s)⁻¹}, a fresh {@code (R, C)} array. */
  static float[] quantizedScaled(float[] W, int R, int C, float[] s, AwqParams p) {
    float[] scaled = ScaleFolding.scaleInputColumns(W, R, C, s); // (R, C)
    float[] q = new float[R * C]; // (R, C)
    AwqQuantizer.pseudoQuantize(scaled, R, C, p, q);
    for (int r = 0; r < R; r++) {
      for (int c = 0; c < C; c++) {
        q[r * C + c] /= s[c];
      }
    }
    return q;
  }

  private static double meanSquaredError(float[] a, float[] b) {
    double sum = 0.0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      sum += d * d;
    }
    return a.length == 0 ? 0.0 : sum / a.length;
  }
}
