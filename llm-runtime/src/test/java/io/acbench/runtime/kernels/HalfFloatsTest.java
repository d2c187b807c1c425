package io.acbench.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

  @Test
  void bf16RoundsToNearestWithTiesToEven() {
    assertThat(HalfFloats.floatToBf16(1.0f)).isEqualTo((short) 0x3F80);
    // 1 + 2^-8 lies halfway between 0x3F80 and 0x3F81: ties go to the even 0x3F80.
    assertThat(HalfFloats.floatToBf16(1.0f + 0x1p-8f)).isEqualTo((short) 0x3F80);
    // 1 + 3·2^-8 lies halfway between 0x3F81 and 0x3F82: ties go to the even 0x3F82.
    assertThat(HalfFloats.floatToBf16(1.0f + 3 * 0x1p-8f)).isEqualTo((short) 0x3F82);
    // Just above halfway rounds up.
    assertThat(HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F808001))).isEqualTo((short) 0x3F81);
    assertThat(HalfFloats.floatToBf16(-2.0f)).isEqualTo((short) 0xC000);
  }

  @Test
  void bf16OverflowGoesToInfinityAndNanStaysNan() {
    assertThat(HalfFloats.floatToBf16(Float.MAX_VALUE)).isEqualTo((short) 0x7F80);
    assertThat(HalfFloats.floatToBf16(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xFF80);
    assertThat(Float.isNaN(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(Float.NaN)))).isTrue();
    // A NaN whose payload sits only in the low half must not collapse to infinity.
    float lowPayloadNan = Float.intBitsToFloat(0x7F800001);
    assertThat(Float.isNaN(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(lowPayloadNan)))).isTrue();
  }

  @Test
  void bf16ToFloatIsTheUpperHalfOfFloat32() {
    assertThat(HalfFloats.bf16ToFloat((short) 0x3F80)).isEqualTo(1.0f);
    assertThat(HalfFloats.bf16ToFloat((short) 0xC049)).isEqualTo(-3.140625f);
    assertThat(HalfFloats.bf16ToFloat((short) 0x0001)).isEqualTo(Float.intBitsToFloat(0x10000));
  }

  @Test
  void f16MatchesHandVectors() {
    assertThat(HalfFloats.floatToF16(1.0f)).isEqualTo((short) 0x3C00);
    assertThat(HalfFloats.floatToF16(65504f)).isEqualTo((short) 0x7BFF);
    assertThat(HalfFloats.floatToF16(0x1p-24f)).isEqualTo((short) 0x0001);
    assertThat(HalfFloats.floatToF16(-2f)).isEqualTo((short) 0xC000);
    assertThat(HalfFloats.floatToF16(1e6f)).isEqualTo((short) 0x7C00);
    // 1 + 2^-11 is halfway between 1 and the next binary16 value: ties to even gives 1.
    assertThat(HalfFloats.floatToF16(1.0f + 0x1p-11f)).isEqualTo((short) 0x3C00);
    assertThat(HalfFloats.f16ToFloat((short) 0x3555)).isEqualTo(0.333251953125f);
    assertThat(HalfFloats.f16ToFloat((short) 0x8001)).isEqualTo(-0x1p-24f);
  }
}
