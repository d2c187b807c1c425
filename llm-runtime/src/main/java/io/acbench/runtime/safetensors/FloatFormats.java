package io.acbench.runtime.safetensors;

/**
 * Conversions between float32 and the 16-bit float formats of the safetensors format.
 *
 * <p>bfloat16 is the upper half of a float32 (1 sign, 8 exponent, 7 mantissa bits); float16 is IEEE
 * 754 binary16 (1, 5, 10), handled by {@link Float#floatToFloat16} and {@link
 * Float#float16ToFloat}.
 */
public final class FloatFormats {

  private FloatFormats() {}

  /**
   * float32 to bfloat16 bits, rounding to nearest with ties to even. NaN stays NaN (quiet, sign
   * kept); overflow rounds to infinity as in IEEE arithmetic.
   */
  public static short floatToBf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x0040);
    }
    // Adding 0x7FFF plus the lowest kept bit rounds half-way cases towards the even neighbour.
    int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
    return (short) (rounded >>> 16);
  }

  /** bfloat16 bits to float32 (exact). */
  public static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }

  /** float32 to IEEE binary16 bits, rounding to nearest even. */
  public static short floatToF16(float value) {
    return Float.floatToFloat16(value);
  }

  /** IEEE binary16 bits to float32 (exact). */
  public static float f16ToFloat(short bits) {
    return Float.float16ToFloat(bits);
  }
}
