package io.acbench.compressor.rtn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The §2.2 grid on hand-made groups (spec §8 item 3). */
class RtnTest {

  private static QuantizedWeight rtn(float[] row, boolean sym, boolean legacy) {
    return Rtn.quantize(row, 1, row.length, new RtnParams(4, sym, -1, legacy));
  }

  @Test
  void exactHalfTiesRoundToEven() {
    // range [0, 3.75] → scale 0.25, zero 0; 0.625/0.25 = 2.5 → 2 and 0.875/0.25 = 3.5 → 4.
    QuantizedWeight q = rtn(new float[] {0f, 0.625f, 0.875f, 3.75f}, false, true);
    assertThat(q.codes()).containsExactly(0, 2, 4, 15);
    assertThat(q.weight()).containsExactly(0f, 0.5f, 1f, 3.75f);
  }

  @Test
  void symmetricAllPositiveGroupReproducesTheLegacyQuirk() {
    // Legacy (#293): xmin stays 0, so scale = 3.75/15 = 0.25 with zero 8; 3.75 → 15 + 8 clamps.
    QuantizedWeight legacy = rtn(new float[] {0.5f, 1f, 1.5f, 3.75f}, true, true);
    assertThat(legacy.scales()).containsExactly(0.25f);
    assertThat(legacy.zeros()).containsExactly(8f);
    assertThat(legacy.codes()).containsExactly(10, 12, 14, 15);
    assertThat(legacy.weight()).containsExactly(0.5f, 1f, 1.5f, 1.75f);

    // Corrected: xmin = −3.75, scale 0.5; 3.75/0.5 = 7.5 → 8 → 16 clamps to 15 (the lopsided
    // symmetric edge of spec §7 row 9).
    QuantizedWeight fixed = rtn(new float[] {0.5f, 1f, 1.5f, 3.75f}, true, false);
    assertThat(fixed.scales()).containsExactly(0.5f);
    assertThat(fixed.codes()).containsExactly(9, 10, 11, 15);
    assertThat(fixed.weight()).containsExactly(0.5f, 1f, 1.5f, 3.5f);
  }

  @Test
  void allZeroGroupUsesTheRangeMinusOneToOne() {
    QuantizedWeight asym = rtn(new float[4], false, true);
    assertThat(asym.scales()).containsExactly(2f / 15f);
    // In float32, as the reference computes it, 1/(2/15) = 7.4999996, which rounds to 7 (not the
    // 8 that exact 7.5 would give under half-even).
    assertThat(asym.zeros()).containsExactly(7f);
    assertThat(asym.codes()).containsExactly(7, 7, 7, 7);
    assertThat(asym.weight()).containsExactly(0f, 0f, 0f, 0f);

    QuantizedWeight sym = rtn(new float[4], true, true);
    assertThat(sym.zeros()).containsExactly(8f);
    assertThat(sym.weight()).containsExactly(0f, 0f, 0f, 0f);
  }

  @Test
  void symmetricGridWithNegativesIsCenteredAtEight() {
    // absmax 3.75 → scale 7.5/15 = 0.5, zero 8: −3.75 → −7.5 → −8 → 0; 1 → 2 → 10.
    QuantizedWeight q = rtn(new float[] {-3.75f, 1f, 0f, 2.25f}, true, true);
    assertThat(q.codes()).containsExactly(0, 10, 8, 12);
    assertThat(q.weight()).containsExactly(-4f, 1f, 0f, 2f);
  }

  @Test
  void twoBitAndEightBitGridsUseTheirMaxq() {
    // 2 bits asym: maxq 3, range [0, 3] → scale 1.
    QuantizedWeight two =
        Rtn.quantize(new float[] {0f, 1f, 2f, 3f}, 1, 4, new RtnParams(2, false, -1, true));
    assertThat(two.codes()).containsExactly(0, 1, 2, 3);
    // 8 bits asym: maxq 255, range [0, 255·0.5] → scale 0.5.
    QuantizedWeight eight =
        Rtn.quantize(new float[] {0f, 0.5f, 100f, 127.5f}, 1, 4, new RtnParams(8, false, -1, true));
    assertThat(eight.codes()).containsExactly(0, 1, 200, 255);
  }
}
