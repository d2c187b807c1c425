package io.acbench.runtime.kernels;

import io.acbench.runtime.safetensors.FloatFormats;

/**
 * Conversions between float32 and the two 16-bit float formats of checkpoints: IEEE binary16 (F16)
 * and bfloat16 (BF16, the top half of a float32). Values travel as raw {@code short} bits. The
 * scalar conversions are those of {@link FloatFormats} (one implementation for reader, writer and
 * kernels); this class adds the array forms the packers and weights use.
 */
public final class HalfFloats {

  private HalfFloats() {}

  /** BF16 bits to float: {@code bits << 16} reinterpreted as float32 (exact). */
  public static float bf16ToFloat(short bits) {
    return FloatFormats.bf16ToFloat(bits);
  }

  /**
   * Float to BF16 bits, rounding to nearest with ties to even; NaN stays a (quiet) NaN of the same
   * sign, overflow rounds to infinity as IEEE rounding does.
   */
  public static short floatToBf16(float value) {
    return FloatFormats.floatToBf16(value);
  }

  /** F16 bits to float (exact: every binary16 value is a float32 value). */
  public static float f16ToFloat(short bits) {
    return FloatFormats.f16ToFloat(bits);
  }

  /** Float to F16 bits, rounding to nearest with ties to even (IEEE 754 binary16). */
  public static short floatToF16(float value) {
    return FloatFormats.floatToF16(value);
  }

  /** Converts F16 bits element-wise to float. */
  public static float[] f16ToFloats(short[] bits) {
    float[] out = new float[bits.length];
    for (int i = 0; i < bits.length; i++) {
      out[i] = f16ToFloat(bits[i]);
    }
    return out;
  }

  /** Converts floats element-wise to F16 bits (round to nearest even). */
  public static short[] floatsToF16(float[] values) {
    short[] out = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = floatToF16(values[i]);
    }
    return out;
  }
}
