package io.acbench.compressor.rtn;

/**
 * A quantized weight {@code W} of shape {@code (rows, cols)}: integer codes, per (row, group) scale
 * and zero, the group of each column, and the dequantized weight {@code Ŵ[r,c] = scales[r,g]·
 * (codes[r,c] − zeros[r,g])} with {@code g = gIdx[c]}. Every array is row-major and owned by this
 * record.
 *
 * @param codes {@code (rows, cols)} integer codes, kept as the quantizer produced them (D11)
 * @param scales {@code (rows, groups)}
 * @param zeros {@code (rows, groups)}, integral values
 * @param gIdx {@code (cols)} the group of each input column
 * @param weight {@code (rows, cols)} the dequantized weight {@code Ŵ}
 */
public record QuantizedWeight(
    int rows,
    int cols,
    int groups,
    int[] codes,
    float[] scales,
    float[] zeros,
    int[] gIdx,
    float[] weight) {

  /** {@code scales[r, gIdx[c]]·(codes[r, c] − zeros[r, gIdx[c]])}, recomputed from the codes. */
  public double dequantize(int r, int c) {
    int g = gIdx[c];
    return (double) scales[r * groups + g] * (codes[r * cols + c] - zeros[r * groups + g]);
  }

  /** A weight with no rows or no columns. */
  public static QuantizedWeight empty(int rows, int cols) {
    return new QuantizedWeight(
        rows, cols, 0, new int[0], new float[0], new float[0], new int[cols], new float[0]);
  }
}
