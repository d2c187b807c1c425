package io.acbench.runtime.kernels;

/**
 * Conversions between float32 and the two 16-bit float formats of checkpoints: IEEE binary16 (F16)
 * and bfloat16 (BF16, the top half of a float32). Values travel as raw {@code short} bits.
 */
public final class HalfFloats {

  private HalfFloats() {}

  /** BF16 bits to float: {@code bits << 16} reinterpreted as float32 (exact). */
  public static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }

  /**
   * Float to BF16 bits, rounding to nearest with ties to even; NaN stays a (quiet) NaN of the same
   * sign, overflow rounds to infinity as IEEE rounding does.
   */
  public static short floatToBf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x0040);
    }
    // Adding 0x7FFF plus the lowest kept bit rounds the dropped half to nearest, ties to even.
    int rounding = 0x7FFF + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }

  /** F16 bits to float (exact: every binary16 value is a float32 value). */
  public static float f16ToFloat(short bits) {
    return Float.float16ToFloat(bits);
  }

  /** Float to F16 bits, rounding to nearest with ties to even (IEEE 754 binary16). */
  public static short floatToF16(float value) {
    return Float.floatToFloat16(value);
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
