package io.acbench.compressor.rtn;

/**
 * One row's quantization grid over one group of columns: {@code q = clamp(round(x/scale) + zero,
 * qmin, qmax)}, {@code x̂ = scale·(q − zero)}.
 */
public record QuantGrid(float scale, float zero, int qmin, int qmax) {

  /** The integer code of {@code x} (round half to even). */
  public int code(double x) {
    double q = Math.rint(x / scale) + zero;
    return (int) Math.max(qmin, Math.min(qmax, q));
  }

  /** The value code {@code q} stands for. */
  public double dequantize(int q) {
    return (double) scale * (q - zero);
  }
}
