package io.acbench.runtime.cli;

import io.acbench.runtime.quant.GptqPacker;

/**
 * Round-to-nearest symmetric int4 quantization of one weight in GPTQ's convention, for fixture
 * checkpoints: per group of {@code groupSize} input columns and per output channel, {@code scale =
 * 2 · max|w| / 15} (rounded to F16), {@code zero = 8}, {@code q = clamp(round(w / scale) + 8, 0,
 * 15)}, so {@code ŵ = scale · (q − 8)}.
 */
final class RtnGptqQuantizer {

  private static final int MAX_CODE = 15;
  private static final int SYM_ZERO = 8;

  private RtnGptqQuantizer() {}

  /**
   * Quantizes and packs {@code W}.
   *
   * @param w (out, in) row-major as HF stores {@code .weight}; not modified
   */
  static GptqPacker.Packed quantize(float[] w, int out, int in, int groupSize) {
    int groups = Math.ceilDiv(in, groupSize);
    float[] scales = new float[groups * out]; // (G, N)
    int[] zeros = new int[groups * out]; // (G, N)
    int[] codes = new int[in * out]; // (K, N), checkpoint orientation
    for (int n = 0; n < out; n++) {
      for (int g = 0; g < groups; g++) {
        int start = g * groupSize;
        int end = Math.min(in, start + groupSize);
        float absMax = 0f;
        for (int k = start; k < end; k++) {
          absMax = Math.max(absMax, Math.abs(w[n * in + k]));
        }
        float scale = absMax == 0f ? 2f / MAX_CODE : 2f * absMax / MAX_CODE;
        scale = Float.float16ToFloat(Float.floatToFloat16(scale));
        scales[g * out + n] = scale;
        zeros[g * out + n] = SYM_ZERO;
        for (int k = start; k < end; k++) {
          int q = Math.round(w[n * in + k] / scale) + SYM_ZERO;
          codes[k * out + n] = Math.clamp(q, 0, MAX_CODE);
        }
      }
    }
    return GptqPacker.pack(
        in, out, codes, zeros, scales, GptqPacker.sequentialGroupIndex(in, groupSize));
  }
}
