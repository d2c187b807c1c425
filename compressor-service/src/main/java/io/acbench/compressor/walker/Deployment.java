package io.acbench.compressor.walker;

import io.acbench.compressor.rtn.QuantizedWeight;
import io.acbench.runtime.safetensors.DType;
import io.acbench.runtime.safetensors.FloatFormats;

/**
 * The weights a checkpoint really holds. Quantized checkpoints store scales as F16 (spec §5.2,
 * §5.3; §7 row 5), so the deployed weight is {@code f16(scale)·(q − zero)} computed in float32 as
 * the runtime's dequantization does; dense checkpoints round to their dtype.
 */
public final class Deployment {

  private Deployment() {}

  /** {@code Ŵ[r, c] = f16(scales[r, g])·(codes[r, c] − zeros[r, g])}, {@code g = gIdx[c]}. */
  public static float[] quantized(QuantizedWeight q) {
    int R = q.rows();
    int C = q.cols();
    int G = q.groups();
    float[] out = new float[R * C]; // (R, C)
    for (int r = 0; r < R; r++) {
      for (int c = 0; c < C; c++) {
        int g = q.gIdx()[c];
        float scale = f16(q.scales()[r * G + g]);
        out[r * C + c] = scale * (float) (q.codes()[r * C + c] - (int) q.zeros()[r * G + g]);
      }
    }
    return out;
  }

  /** {@code W} rounded to {@code dtype} (F32 unchanged, F16 or BF16 nearest even). */
  public static float[] dense(float[] W, DType dtype) {
    return switch (dtype) {
      case F32 -> W.clone();
      case F16 -> {
        float[] out = new float[W.length];
        for (int i = 0; i < W.length; i++) {
          out[i] = f16(W[i]);
        }
        yield out;
      }
      case BF16 -> {
        float[] out = new float[W.length];
        for (int i = 0; i < W.length; i++) {
          out[i] = FloatFormats.bf16ToFloat(FloatFormats.floatToBf16(W[i]));
        }
        yield out;
      }
      default ->
          throw new IllegalArgumentException("dense weights are F32, F16 or BF16, not " + dtype);
    };
  }

  static float f16(float x) {
    return Float.float16ToFloat(Float.floatToFloat16(x));
  }
}
